import { z } from 'zod';
import { defineRoute, RawBody } from '../route.js';
import { HTML_CSP } from '../security-headers.js';

/** `GET /`: a small index page until the dashboard arrives; it holds no data, only links. */

function currentQuarter(now: Date): string {
  return `${now.getUTCFullYear()}Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
}

export function homePage(now: Date): string {
  const quarter = currentQuarter(now);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rasd</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}</style>
</head>
<body>
<h1>Rasd (رصد)</h1>
<p>Finds terrorist and violent extremist content in Telegram messages.</p>
<ul>
<li><a href="/v1/reports?quarter=${quarter}&amp;format=html">Report for this quarter (${quarter})</a></li>
<li><a href="/openapi.json">API description (OpenAPI 3.1)</a></li>
<li><a href="/health">Health</a></li>
</ul>
</body>
</html>
`;
}

export const homeRoute = defineRoute({
  method: 'GET',
  url: '/',
  summary: 'Index page',
  description: 'Links to the current report and the API description.',
  tags: ['system'],
  response: z.string(),
  produces: ['text/html; charset=utf-8'],
  handle: async () =>
    new RawBody(homePage(new Date()), 'text/html; charset=utf-8', { 'content-security-policy': HTML_CSP }),
});
