#!/usr/bin/env bash
# Draws web/static/social.png, the 1200×630 picture that shares of pages
# without a picture of their own (front pages, sections, tags, authors,
# static pages) show on social networks and messengers. It is drawn by
# headless Chromium from the HTML below with Khabar's own fonts, which shape
# Arabic properly, and committed like the fonts; this script rebuilds it.
#
#   bash scripts/social-image.sh        # needs Debian's chromium
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
fonts="$here/web/static/fonts"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/card.html" <<HTML
<!doctype html>
<html><head><meta charset="utf-8"><style>
@font-face { font-family: Naskh; src: url(file://$fonts/naskh-bold.woff2); font-weight: 700; }
@font-face { font-family: Sans; src: url(file://$fonts/sans-bold.woff2); font-weight: 700; }
@font-face { font-family: ArSans; src: url(file://$fonts/arabic-sans-bold.woff2); font-weight: 700; }
html, body { margin: 0; width: 1200px; height: 630px; overflow: hidden; }
body { background: #16181d; color: #fff; display: grid; grid-template-columns: 400px 1fr; font-weight: 700; }
.mark { background: #a1221b; display: grid; place-items: center; }
.mark svg { width: 250px; height: 250px; }
.words { display: flex; flex-direction: column; justify-content: center; padding: 0 80px; gap: 26px; }
.ar { font-family: Naskh; font-size: 190px; line-height: 1.1; direction: rtl; text-align: right; }
.rule { height: 10px; background: #a1221b; width: 100%; }
.langs { font-family: Sans, ArSans; font-size: 50px; line-height: 1; color: #d9dbe0; display: flex; justify-content: space-between; align-items: baseline; }
.langs span:first-child { font-family: ArSans; }
</style></head>
<body>
<div class="mark"><svg viewBox="14 12 36 40"><path d="M16 46h32v4H16zM20 14h6v28h-6zM38 14h6v28h-6zM26 25h12v5H26z" fill="#fff"/></svg></div>
<div class="words">
  <div class="ar" lang="ar">خبر</div>
  <div class="rule"></div>
  <div class="langs"><span lang="ar">أخبار</span><span lang="ru">Новости</span><span lang="en">News</span></div>
</div>
</body></html>
HTML

chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
	--window-size=1200,630 --screenshot="$work/card.png" "file://$work/card.html" >/dev/null 2>&1
# Chromium writes a PNG with the full alpha channel; the committed file is the
# same picture, opaque, which halves its size.
go run "$here/scripts/opaquepng" "$work/card.png" "$here/web/static/social.png"
ls -l "$here/web/static/social.png"
