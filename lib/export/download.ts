/** Saves text as a file through the page's own download (no "downloads" permission needed). */
export function downloadText(fileName: string, text: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The click starts the download synchronously; revoke later, as revoking at once can cancel it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
