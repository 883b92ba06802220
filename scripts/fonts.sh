#!/usr/bin/env bash
# Regenerates the self-hosted web fonts in web/static/fonts/ from Debian's Noto
# packages. Khabar serves its own fonts (no CDN, no third-party request), so the
# files are committed; this script exists so that anyone can rebuild them and
# get the same bytes.
#
#   bash scripts/fonts.sh            # install the Debian packages if missing, then subset
#   SKIP_APT=1 bash scripts/fonts.sh # subset only
#
# Inputs (Debian bookworm): fonts-noto-core 20201225-1 (Noto Naskh Arabic 2.004,
# Noto Sans Arabic, Noto Serif/Sans 2.004), python3-fonttools 4.38, python3-brotli 1.0.9.
#
# Why these choices:
#   - woff2 only: every browser Khabar supports reads it, and it is the smallest.
#   - --no-hinting: hinting instructions are a third of a Noto TTF; modern
#     rasterisers (DirectWrite, Core Text, FreeType's autohinter) do without.
#   - --layout-features lists exactly what shaping needs. For Arabic, dropping
#     init/medi/fina/isol/rlig/ccmp or mark/mkmk breaks joining and tashkeel
#     placement, so they are named explicitly rather than trusted to defaults.
#   - --layout-scripts keeps only the scripts we subset to, so lookups for
#     Greek, Vietnamese, etc. do not drag their glyphs back in.
#   - name IDs 0, 13, 14 (copyright, licence, licence URL) are kept: the OFL asks
#     for the notice to travel with the font.
#   - web/static/fonts/OFL.txt (the licence, naming these files) is kept by
#     hand: update it when the fonts or their versions change.
#   - The timestamp in 'head' is left as in the source (pyftsubset does not
#     recalculate it by default), so the output is reproducible.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/web/static/fonts"
src=/usr/share/fonts/truetype/noto
# Debian's fontTools lives in the system interpreter; a pyenv or venv python on
# PATH would not see it.
py=${PYTHON:-/usr/bin/python3}

if [[ -z "${SKIP_APT:-}" ]]; then
	if ! dpkg -s fonts-noto-core python3-fonttools python3-brotli >/dev/null 2>&1; then
		apt-get update
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
			fonts-noto-core python3-fonttools python3-brotli
	fi
fi

mkdir -p "$out"

common=(
	--flavor=woff2
	--no-hinting
	--name-IDs=0,1,2,3,4,5,6,13,14
	--name-languages=0x0409
	--notdef-outline
	--drop-tables+=DSIG
)

# Arabic blocks, Arabic Supplement, Extended-A, Presentation Forms A and B,
# ASCII digits and punctuation (Latin digits appear inside Arabic text),
# ZWNJ/ZWJ/LRM/RLM, NBSP, Arabic comma/semicolon/question mark, decimal and
# thousands separators, and the dotted circle shapers show under a lone mark.
# Also the few extras the Naskh font draws to match its own style: « » (used
# as Arabic quotation marks), ZWSP, hyphens, reversed semicolon and comma.
# Noto Naskh has no glyphs for most ASCII punctuation (% " ( ) …): pyftsubset
# skips what a font lacks, and the CSS font stack falls back to the Latin face.
arabic_unicodes='U+0020-0040,U+005B-0060,U+007B-007E,U+00A0,U+00AB,U+00BB,U+0600-06FF,U+0750-077F,U+08A0-08FF,U+FB50-FDFF,U+FE70-FEFF,U+200B-200F,U+2010-2011,U+204F,U+2E41,U+060C,U+061B,U+061F,U+066B,U+066C,U+25CC'
arabic_features='ccmp,locl,isol,init,medi,fina,rlig,liga,calt,curs,kern,mark,mkmk'

# Basic Latin, Latin-1 (includes « » and NBSP), Latin Extended-A, Cyrillic,
# General Punctuation (dashes, quotes, thin spaces), euro sign, numero sign.
latin_unicodes='U+0020-007E,U+00A0-00FF,U+0100-017F,U+0400-04FF,U+2000-206F,U+20AC,U+2116'
latin_features='ccmp,locl,kern,liga,mark,mkmk'

subset() { # in-font out-file unicodes features scripts
	"$py" -m fontTools.subset "$src/$1" "${common[@]}" \
		--unicodes="$3" --layout-features="$4" --layout-scripts="$5" \
		--output-file="$out/$2"
}

subset NotoNaskhArabic-Regular.ttf naskh-regular.woff2 "$arabic_unicodes" "$arabic_features" 'arab,DFLT'
subset NotoNaskhArabic-Bold.ttf naskh-bold.woff2 "$arabic_unicodes" "$arabic_features" 'arab,DFLT'
# Noto Sans Arabic for what Arabic news sites set in a sans face: the
# masthead, menus, bylines, captions and credits, at small sizes where a
# Naskh's fine strokes and tall marks read poorly.
subset NotoSansArabic-Regular.ttf arabic-sans-regular.woff2 "$arabic_unicodes" "$arabic_features" 'arab,DFLT'
subset NotoSansArabic-Bold.ttf arabic-sans-bold.woff2 "$arabic_unicodes" "$arabic_features" 'arab,DFLT'
subset NotoSerif-Regular.ttf serif-regular.woff2 "$latin_unicodes" "$latin_features" 'latn,cyrl,DFLT'
subset NotoSerif-Bold.ttf serif-bold.woff2 "$latin_unicodes" "$latin_features" 'latn,cyrl,DFLT'
subset NotoSans-Regular.ttf sans-regular.woff2 "$latin_unicodes" "$latin_features" 'latn,cyrl,DFLT'
subset NotoSans-Bold.ttf sans-bold.woff2 "$latin_unicodes" "$latin_features" 'latn,cyrl,DFLT'

ls -l "$out"/*.woff2
