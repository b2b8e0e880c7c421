/**
 * Saves an export: the server writes the workbook to cloud storage and answers a temporary URL; the browser
 * downloads it under the name given (same-origin locally; CloudBase's temporary URLs send the file as an
 * attachment).
 */
export function download(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
}
