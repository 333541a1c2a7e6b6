import crypto from 'node:crypto';

/*
 * The public site's stylesheets, kept as modules so the compiled server carries them without a copy step. Served
 * under a content hash (immutable, cached for a year); no inline style anywhere, so the CSP needs no exception.
 */
const screen = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.75 "PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif;color:#222;background:#f4f4f4}
a{color:#1a4c8b;text-decoration:none}
a:hover,a:focus{text-decoration:underline}
.wrap{max-width:1120px;margin:0 auto;padding:0 16px}
.skip{position:absolute;left:-999px}
.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:9}
.masthead{background:#b3121b;color:#fff}
.masthead .wrap{display:flex;align-items:center;gap:12px;min-height:88px}
.masthead img{height:56px;width:auto}
.site-name{font-size:30px;font-weight:700;letter-spacing:2px;color:#fff}
.site-name:hover{text-decoration:none}
.search-box{margin-left:auto;display:flex}
.search-box input{width:200px;padding:6px 8px;border:0;border-radius:2px 0 0 2px;font:inherit}
.search-box button{padding:6px 12px;border:0;background:#7d0a11;color:#fff;font:inherit;border-radius:0 2px 2px 0;cursor:pointer}
.nav{background:#8f0d14}
.nav ul{list-style:none;margin:0 auto;padding:0 16px;max-width:1120px;display:flex;flex-wrap:wrap}
.nav a{display:block;padding:10px 18px;color:#fff;font-size:17px}
.nav a[aria-current]{background:#b3121b}
main{background:#fff;min-height:60vh;padding:16px 0 32px}
.crumbs{font-size:14px;color:#666;border-bottom:1px solid #e5e5e5;padding:8px 0;margin-bottom:16px}
.crumbs ol{list-style:none;margin:0;padding:0;display:inline}
.crumbs li{display:inline}
.crumbs li+li::before{content:" › ";color:#999}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:24px}
.panel h2{font-size:19px;margin:0 0 8px;padding-bottom:6px;border-bottom:2px solid #b3121b;display:flex;justify-content:space-between}
.panel h2 a{color:#b3121b}
.panel h2 .more{font-size:14px;font-weight:400;color:#888}
.list{list-style:none;margin:0;padding:0}
.list li{display:flex;justify-content:space-between;gap:12px;padding:6px 0;border-bottom:1px dashed #e5e5e5}
.list li a{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.list time{color:#888;font-size:14px;white-space:nowrap}
.list.wide li{display:block;padding:12px 0}
.list.wide li a{white-space:normal;font-size:18px}
.list.wide p{margin:4px 0 0;color:#555;font-size:15px}
.slider{position:relative;margin-bottom:24px}
.slides{display:flex;overflow-x:auto;scroll-snap-type:x mandatory;scroll-behavior:smooth;gap:0;border-radius:2px}
.slide{flex:0 0 100%;scroll-snap-align:start;position:relative;aspect-ratio:16/6;background:#ddd}
.slide img{width:100%;height:100%;object-fit:cover;display:block}
.slide a{position:absolute;left:0;right:0;bottom:0;padding:12px 16px;background:linear-gradient(transparent,rgba(0,0,0,.7));color:#fff;font-size:20px}
.dots{display:flex;justify-content:center;gap:8px;padding:8px 0}
.dots a{width:10px;height:10px;border-radius:50%;background:#ccc;text-indent:-999px;overflow:hidden}
article h1{font-size:28px;line-height:1.4;text-align:center;margin:16px 0 4px;color:#111}
article .subtitle{text-align:center;font-size:19px;color:#444;margin:0 0 8px}
.meta{text-align:center;color:#666;font-size:14px;border-bottom:1px solid #e5e5e5;padding:8px 0 12px;margin-bottom:20px}
.meta span+span{margin-left:20px}
.body{font-size:18px;line-height:2}
.body p{margin:0 0 1em}
.body>p{text-indent:2em}
.body li p,.body td p,.body th p{margin:0}
.body img{max-width:100%;height:auto;display:block;margin:12px auto}
.body table{border-collapse:collapse;margin:12px auto;max-width:100%}
.body td,.body th{border:1px solid #ccc;padding:4px 8px}
.source-link{margin-top:24px;font-size:15px;word-break:break-all}
.disclaimer{margin-top:12px;padding:12px;background:#f7f7f7;color:#666;font-size:14px;line-height:1.7}
.tags{margin-top:16px;font-size:14px}
.tags a{display:inline-block;padding:0 8px;margin-right:6px;background:#f1e4e4;color:#8f0d14;border-radius:2px}
.pager{display:flex;gap:8px;justify-content:center;margin-top:24px;font-size:15px}
.pager a,.pager span{padding:4px 10px;border:1px solid #ddd}
.pager [aria-current]{background:#b3121b;color:#fff;border-color:#b3121b}
.page-title{font-size:22px;margin:0 0 12px;color:#b3121b}
.notice{text-align:center;padding:64px 0}
.notice h1{font-size:26px;color:#b3121b}
mark{background:#ffe58f;color:inherit;padding:0 1px}
.search-form{display:flex;gap:8px;margin-bottom:16px}
.search-form input{flex:1;padding:8px;font:inherit;border:1px solid #ccc}
.search-form button{padding:8px 20px;font:inherit;background:#b3121b;color:#fff;border:0;cursor:pointer}
.summary-line{color:#666;font-size:14px}
footer{background:#2b2b2b;color:#bbb;font-size:14px;padding:20px 0;text-align:center;line-height:2}
footer a{color:#ddd}
footer p{margin:0}
@media (max-width:640px){
  .masthead .wrap{flex-wrap:wrap;padding:12px 16px}
  .site-name{font-size:22px}
  .search-box{margin-left:0;width:100%}
  .search-box input{flex:1}
  .nav a{padding:8px 12px;font-size:15px}
  article h1{font-size:22px}
  .body{font-size:17px}
}
`;

/** Paper: only the article itself, with the addresses of its links written out. */
const print = `
.masthead,.nav,.search-box,.crumbs,.pager,.tags,.slider,.skip{display:none!important}
body,main{background:#fff;color:#000;font-size:12pt}
footer{background:none;color:#000;border-top:1px solid #000}
footer a{color:#000}
a{color:#000;text-decoration:none}
.source-link a::after{content:" (" attr(href) ")"}
.body img{page-break-inside:avoid}
article h1{font-size:18pt}
`;

function asset(name: string, css: string) {
  const hash = crypto.createHash('sha256').update(css).digest('hex').slice(0, 12);
  return { path: `/assets/${name}.${hash}.css`, css: css.trim() };
}

export const screenCss = asset('portal', screen);
export const printCss = asset('print', print);
