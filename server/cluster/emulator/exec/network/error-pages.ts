/** Error pages as nginx, Apache httpd and Go's net/http write them. */

const REASONS: Record<number, string> = {
  200: 'OK',
  301: 'Moved Permanently',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Not Allowed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export const reason = (status: number) => REASONS[status] ?? 'Unknown';

export function nginxErrorPage(status: number, version: string): string {
  const title = `${status} ${status === 301 ? 'Moved Permanently' : reason(status)}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

export function httpdErrorPage(status: number): string {
  const what = status === 404 ? 'Not Found' : status === 403 ? 'Forbidden' : reason(status);
  const text = status === 404 ? 'The requested URL was not found on this server.' : status === 403 ? "You don't have permission to access this resource." : 'The server encountered an error.';
  return `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${status} ${what}</title>\n</head><body>\n<h1>${what}</h1>\n<p>${text}</p>\n</body></html>\n`;
}

export const GO_NOT_FOUND = '404 page not found\n';
