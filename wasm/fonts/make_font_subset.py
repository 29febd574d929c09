#!/usr/bin/env python3
"""Builds the Korean UI font: NanumGothic cut down to what the canvas can show.

Two ways:

  --output FILE   one font: printable ASCII, Latin-1, general punctuation, every non-ASCII
                  character of the strings table (wasm/app/strings.cpp) and the view sources
                  (symbols), and the 2,350 Hangul syllables of KS X 1001 (the benchmark's
                  atlas, bench/timeline_bench).

  --split DIR     the browser app's fonts, so the first frame waits only for what it draws:
                  DIR/NanumGothic-ui.ttf       ASCII, Latin-1, punctuation, the characters of
                                               the sources (downloaded before the first frame)
                  DIR/NanumGothic-ko-ks.ttf    the other KS X 1001 syllables, the
                                               compatibility jamo (U+3131..318E, ㅋㅋ) and the
                                               conjoining jamo (U+1100..11FF)
                  DIR/NanumGothic-ko-NN.ttf    the remaining syllables of Unicode's 11,172,
                                               one file per leading consonant NN = 00..18
                                               (588 syllables each, minus those above)
                  DIR/fonts.json               {"ui": file, "lazy": [{"file", "ranges"}]}
                  The page fetches a lazy file the first time a character it holds appears in
                  the simulation (web/js/fonts.js), so '값' costs the KS X 1001 file and '똠'
                  (not in KS X 1001) one small file of its leading consonant.

Hinting and layout tables are dropped: Dear ImGui rasterises with stb_truetype, which
uses neither, and every byte here is downloaded by each visitor.
"""
import argparse
import json
import os
import sys

from fontTools import subset

HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3
SYLLABLES_PER_LEAD = 21 * 28                      # 588: vowels x trailing consonants


def ks_x_1001_hangul():
    # Rows 0xB0..0xC8 of EUC-KR, 94 cells each: exactly the 2,350 precomposed syllables.
    chars = []
    for i in range(2350):
        chars.append(bytes([0xB0 + i // 94, 0xA1 + i % 94]).decode("euc-kr"))
    return chars


def base_chars(strings):
    wanted = set(chr(c) for c in range(0x20, 0x7F))
    for path in strings:
        with open(path, encoding="utf-8") as f:
            wanted.update(ch for ch in f.read() if ord(ch) > 0x7E)
    # Symbols the core itself may print (log lines use U+00A0 in tracebacks) or learners type.
    wanted.update(chr(c) for c in range(0xA0, 0x100))
    wanted.update(chr(c) for c in range(0x2010, 0x2028))
    wanted.discard("\ufeff")
    return wanted


def make_subset(source, chars, output):
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]     # keep the copyright/licence names (OFL)
    options.notdef_outline = True
    font = subset.load_font(source, options)
    cmap = font.getBestCmap()
    kept = sorted(ord(c) for c in chars if ord(c) in cmap)
    sub = subset.Subsetter(options)
    sub.populate(unicodes=kept)
    sub.subset(font)
    subset.save_font(font, output, options)
    return kept


def ranges(codepoints):
    out = []
    for c in sorted(codepoints):
        if out and out[-1][1] == c - 1:
            out[-1][1] = c
        else:
            out.append([c, c])
    return out


def split(source, strings, outdir, prefix):
    os.makedirs(outdir, exist_ok=True)
    ui = base_chars(strings)
    ui_kept = set(make_subset(source, ui, os.path.join(outdir, "NanumGothic-ui.ttf")))
    manifest = {"ui": prefix + "NanumGothic-ui.ttf", "lazy": []}

    ks = set(ord(c) for c in ks_x_1001_hangul())
    ks.update(range(0x1100, 0x1200))
    ks.update(range(0x3131, 0x318F))
    groups = [("NanumGothic-ko-ks.ttf", ks - ui_kept)]
    for lead in range(19):
        first = HANGUL_FIRST + lead * SYLLABLES_PER_LEAD
        group = set(range(first, first + SYLLABLES_PER_LEAD)) - ks - ui_kept
        groups.append((f"NanumGothic-ko-{lead:02d}.ttf", group))
    total = len(ui_kept)
    for name, group in groups:
        kept = make_subset(source, (chr(c) for c in group), os.path.join(outdir, name))
        manifest["lazy"].append({"file": prefix + name, "ranges": ranges(kept)})
        total += len(kept)
    with open(os.path.join(outdir, "fonts.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, separators=(",", ":"))
        f.write("\n")
    print(f"font split: {len(ui_kept)} characters in the first font, {total} in all -> {outdir}", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--font", required=True)
    ap.add_argument("--output", help="one font file (ASCII, symbols, sources' characters, KS X 1001 Hangul)")
    ap.add_argument("--split", help="directory for the first-load font, the lazy Hangul files and fonts.json")
    ap.add_argument("--prefix", default="fonts/", help="path of --split's directory as the page sees it")
    ap.add_argument("--strings", action="append", default=[], help="source files whose non-ASCII characters are kept")
    a = ap.parse_args()
    if bool(a.output) == bool(a.split):
        ap.error("give exactly one of --output and --split")
    if a.split:
        split(a.font, a.strings, a.split, a.prefix)
        return
    wanted = base_chars(a.strings)
    wanted.update(ks_x_1001_hangul())
    make_subset(a.font, wanted, a.output)
    print(f"font subset: {len(wanted)} characters requested -> {a.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
