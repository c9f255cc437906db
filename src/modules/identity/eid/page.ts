import type { EidFailure } from './failures.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));

/**
 * The page a citizen lands on when an e-ID sign-in fails at the callback: what happened in
 * Vietnamese and English, what to do, and a way back. Self-contained (the callback is a top-level
 * navigation from the provider, not a call made by the web app).
 */
export function failurePage(f: EidFailure, retryHref: string): string {
  const details = f.details.length
    ? `<ul>${f.details.map((d) => `<li>${esc(d.message_vi)}<br><span lang="en" class="en">${esc(d.message_en)}</span></li>`).join('')}</ul>`
    : '';
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Không đăng nhập được bằng tài khoản định danh điện tử</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;background:#f4f5f7;color:#1d2633;line-height:1.5}
header{background:#b3261e;color:#fff;padding:.8rem 1rem;font-weight:700}
main{max-width:40rem;margin:1.5rem auto;padding:0 1rem}
.card{background:#fff;border:1px solid #d9dde3;border-radius:.5rem;padding:1.25rem 1.5rem}
h1{font-size:1.35rem;margin:0 0 .75rem}
.en{color:#4a5568}
ul{padding-left:1.2rem}
li{margin:.4rem 0}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1.25rem}
a.btn{display:inline-block;padding:.6rem 1rem;border-radius:.375rem;text-decoration:none;font-weight:600;border:2px solid #b3261e}
a.primary{background:#b3261e;color:#fff}
a.secondary{color:#b3261e;background:#fff}
a.btn:focus-visible{outline:3px solid #1a56db;outline-offset:2px}
code{font-size:.85em;color:#4a5568}
</style>
</head>
<body>
<header>Cổng dịch vụ công — Motcua</header>
<main>
<div class="card" role="alert">
<h1>Không đăng nhập được bằng tài khoản định danh điện tử</h1>
<p>${esc(f.vi)}</p>
<p lang="en" class="en">${esc(f.en)}</p>
${details}
<div class="actions">
<a class="btn primary" href="${esc(retryHref)}">Đăng nhập lại <span lang="en">/ Sign in again</span></a>
<a class="btn secondary" href="/">Về trang chủ <span lang="en">/ Home</span></a>
</div>
<p><code>Mã lỗi / error code: ${esc(f.code)}</code></p>
</div>
</main>
</body>
</html>`;
}
