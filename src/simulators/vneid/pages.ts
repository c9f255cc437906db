import type { VneidAccount } from './accounts.ts';

/**
 * The demo provider's pages: Vietnamese first (English in smaller type), VNeID-like colours, and
 * clearly marked as a demo so nobody mistakes it for the real VNeID. Plain HTML forms: they work
 * without JavaScript, on a phone, and with a screen reader (labels, hints, errors tied to fields).
 */
export const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));

const CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;background:#f3f4f6;color:#1f2937;line-height:1.5;font-size:16px}
.top{background:#c8102e;color:#fff}
.top-inner{max-width:28rem;margin:0 auto;padding:.9rem 1rem;display:flex;align-items:center;gap:.6rem}
.mark{display:inline-flex;align-items:center;justify-content:center;width:2.2rem;height:2.2rem;border-radius:50%;background:#ffcd00;color:#c8102e;font-weight:800}
.brand{font-weight:800;font-size:1.3rem;letter-spacing:.02em}
.brand small{display:block;font-weight:500;font-size:.78rem;letter-spacing:0;opacity:.95}
.demo{background:#fff4cc;color:#5c4400;border-bottom:1px solid #e6c200;text-align:center;padding:.45rem 1rem;font-size:.88rem;font-weight:600}
main{max-width:28rem;margin:1.25rem auto 2rem;padding:0 1rem}
.card{background:#fff;border:1px solid #e5e7eb;border-radius:.75rem;padding:1.25rem 1.25rem 1.5rem;box-shadow:0 1px 2px rgba(0,0,0,.05)}
h1{font-size:1.3rem;margin:0 0 .25rem}
.for{margin:0 0 1rem;color:#4b5563}
.en{color:#4b5563;font-size:.85em}
label{display:block;font-weight:600;margin:1rem 0 .3rem}
input[type=text],input[type=password]{width:100%;font-size:1.05rem;padding:.65rem .75rem;border:1px solid #9ca3af;border-radius:.5rem;background:#fff}
input:focus{outline:3px solid #2563eb;outline-offset:1px;border-color:#2563eb}
input[aria-invalid=true]{border-color:#b91c1c}
.hint{margin:.25rem 0 0;font-size:.85rem;color:#4b5563}
.field-error{margin:.3rem 0 0;color:#b91c1c;font-weight:600;font-size:.92rem}
.alert{border:1px solid #fca5a5;background:#fef2f2;color:#991b1b;border-radius:.5rem;padding:.7rem .9rem;margin:0 0 .5rem}
button{font:inherit;cursor:pointer}
.primary{display:block;width:100%;margin-top:1.25rem;padding:.75rem;border:0;border-radius:.5rem;background:#c8102e;color:#fff;font-weight:700;font-size:1.05rem}
.primary:hover{background:#a50d25}
.secondary{display:block;width:100%;margin-top:.6rem;padding:.65rem;border:1px solid #9ca3af;border-radius:.5rem;background:#fff;color:#1f2937}
button:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
details{margin-top:1.25rem;font-size:.9rem}
summary{cursor:pointer;font-weight:600}
table{border-collapse:collapse;width:100%;margin-top:.5rem}
th,td{text-align:left;padding:.3rem .35rem;border-bottom:1px solid #e5e7eb;vertical-align:top}
ul.scopes{padding-left:1.2rem}
footer{text-align:center;color:#4b5563;font-size:.8rem;margin:1.5rem 1rem}
`;

export function layout(title: string, body: string, opts: { nonce?: string; head?: string } = {}): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(title)} — VNeID (thử nghiệm)</title>
<style>${CSS}</style>${opts.head ?? ''}
</head>
<body>
<header class="top"><div class="top-inner"><span class="mark" aria-hidden="true">★</span>
<span class="brand">VNeID <small>Định danh điện tử — bản mô phỏng</small></span></div></header>
<p class="demo" role="note">MÔI TRƯỜNG THỬ NGHIỆM: nhà cung cấp định danh mô phỏng của Motcua, không phải VNeID thật. <span lang="en">Demo provider — not the real VNeID.</span></p>
<main id="main">${body}</main>
<footer>Bản mô phỏng phục vụ trình diễn và kiểm thử. <span lang="en">For demos and tests only.</span></footer>
</body>
</html>`;
}

export interface LoginView {
  action: string;
  abortAction: string;
  clientName: string;
  idNumber?: string;
  errors?: { idNumber?: string; password?: string; form?: string };
  accounts: VneidAccount[];
}

export function loginPage(v: LoginView): string {
  const e = v.errors ?? {};
  const idErr = e.idNumber ? `<p class="field-error" id="id_number-error">${esc(e.idNumber)}</p>` : '';
  const pwErr = e.password ? `<p class="field-error" id="password-error">${esc(e.password)}</p>` : '';
  const rows = v.accounts.map((a) => `<tr><td>${esc(a.idNumber)}</td><td>${esc(a.fullName)}</td><td>Mức ${a.level}</td></tr>`).join('');
  return layout('Đăng nhập', `
<div class="card">
<h1>Đăng nhập tài khoản định danh điện tử</h1>
<p class="for">để sử dụng <strong>${esc(v.clientName)}</strong></p>
${e.form ? `<div class="alert" role="alert" id="form-error">${esc(e.form)}</div>` : ''}
<form method="post" action="${esc(v.action)}" novalidate>
<label for="id_number">Số định danh cá nhân</label>
<input type="text" id="id_number" name="id_number" inputmode="numeric" autocomplete="username" maxlength="14" required
 value="${esc(v.idNumber ?? '')}" aria-describedby="id_number-hint${idErr ? ' id_number-error' : ''}"${e.idNumber ? ' aria-invalid="true" autofocus' : ''}${!e.idNumber && !e.password ? ' autofocus' : ''}>
<p class="hint" id="id_number-hint">12 chữ số in trên thẻ căn cước. <span class="en" lang="en">Personal ID number (12 digits).</span></p>
${idErr}
<label for="password">Mật khẩu</label>
<input type="password" id="password" name="password" autocomplete="current-password" required${pwErr ? ' aria-describedby="password-error" aria-invalid="true"' : ''}${e.password && !e.idNumber ? ' autofocus' : ''}>
${pwErr}
<button class="primary" type="submit">Đăng nhập</button>
</form>
<form method="post" action="${esc(v.abortAction)}"><button class="secondary" type="submit">Hủy và quay lại</button></form>
<details>
<summary>Tài khoản thử nghiệm (mật khẩu ${esc(v.accounts[0]?.password ?? '')})</summary>
<table><thead><tr><th scope="col">Số định danh</th><th scope="col">Họ tên</th><th scope="col">Mức định danh</th></tr></thead><tbody>${rows}</tbody></table>
</details>
</div>`);
}

const SCOPE_TEXT: Record<string, string> = {
  profile: 'Họ tên, ngày sinh, giới tính',
  phone: 'Số điện thoại',
  address: 'Địa chỉ thường trú',
  vneid: 'Số định danh cá nhân, mức định danh điện tử, quê quán, nơi thường trú',
};

export function consentPage(v: { action: string; abortAction: string; clientName: string; scopes: string[]; accountName: string }): string {
  const items = v.scopes.filter((s) => SCOPE_TEXT[s]).map((s) => `<li>${esc(SCOPE_TEXT[s])}</li>`).join('');
  return layout('Chia sẻ thông tin', `
<div class="card">
<h1>Chia sẻ thông tin định danh</h1>
<p class="for"><strong>${esc(v.clientName)}</strong> đề nghị được nhận các thông tin sau của ${esc(v.accountName)}:</p>
<ul class="scopes">${items}</ul>
<form method="post" action="${esc(v.action)}"><button class="primary" type="submit">Đồng ý chia sẻ</button></form>
<form method="post" action="${esc(v.abortAction)}"><button class="secondary" type="submit">Không đồng ý</button></form>
</div>`);
}

export function messagePage(title: string, vi: string, en: string): string {
  return layout(title, `<div class="card" role="alert"><h1>${esc(title)}</h1><p>${esc(vi)}</p><p class="en" lang="en">${esc(en)}</p></div>`);
}
