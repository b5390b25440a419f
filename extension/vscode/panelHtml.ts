// The webview page and its Content-Security-Policy; no `vscode` import so the benchmark page reuses it.

export function panelHtml(p: { cspSource: string; nonce: string; scriptUri: string; styleUri: string }): string {
  const csp = [
    "default-src 'none'",
    `img-src ${p.cspSource} data:`,
    `style-src ${p.cspSource} 'nonce-${p.nonce}'`,
    `font-src ${p.cspSource}`,
    `script-src 'nonce-${p.nonce}'`,
    "connect-src 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${p.styleUri}" nonce="${p.nonce}">
<title>Stepwise</title>
</head>
<body>
<div id="root"></div>
<script type="module" nonce="${p.nonce}" src="${p.scriptUri}"></script>
</body>
</html>`;
}
