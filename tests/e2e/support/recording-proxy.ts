import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy that forwards nothing and writes down everything. Firefox is pointed at it for all
 * schemes (localhost included), so any request the browser makes, from any extension context,
 * shows up here: Firefox neither lists moz-extension pages' loads in resource timing nor reports
 * them as WebDriver BiDi network events.
 *
 * One URL, probeUrl (with any query), is answered: the tests fetch it once on purpose, as a positive control. It is
 * on 127.0.0.1 because an extension page is a secure context, where a plain-http fetch to any
 * other host is blocked as mixed content before it leaves the browser.
 */
export interface RecordingProxy {
  port: number;
  probeUrl: string;
  /** Every URL asked for (CONNECT targets as https://host:port). */
  urls: string[];
  close(): Promise<void>;
}

export async function startRecordingProxy(): Promise<RecordingProxy> {
  const urls: string[] = [];
  let probeUrl = '';
  const server: Server = createServer((request, response) => {
    // A proxied request names the whole URL; a direct one only the path.
    const url = request.url?.startsWith('/') ? `http://${request.headers.host ?? ''}${request.url}` : (request.url ?? '');
    urls.push(url);
    if (url.split('?')[0] === probeUrl) {
      response.setHeader('access-control-allow-origin', '*');
      response.setHeader('timing-allow-origin', '*');
      response.end('probe');
      return;
    }
    response.statusCode = 502;
    response.end();
  });
  server.on('connect', (request, socket) => {
    urls.push(`https://${request.url ?? ''}`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  probeUrl = `http://127.0.0.1:${port}/network-probe`;
  return {
    port,
    probeUrl,
    urls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Firefox preferences sending every request (localhost too) through the proxy, and turning off the
 * browser's own Remote Settings polling, which is not the extension's doing.
 */
export function proxyPrefs(port: number): Record<string, unknown> {
  return {
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': port,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': port,
    'network.proxy.share_proxy_settings': true,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'network.proxy.socks_remote_dns': true,
  };
}
