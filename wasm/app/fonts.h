// Invoke Lab canvas: loading the Korean UI font into the ImGui atlas.
//
// Index
//   kFontCssPx            UI text size in CSS pixels (multiplied by devicePixelRatio)
//   glyph_ranges()        the ranges baked: ASCII, punctuation/symbols, Hangul
//   load_ui_font()        (re)builds io.Fonts from TTF bytes at a given pixel size
//   AtlasFigures          glyph count and texture size, for the report and the benchmark
//   MergedGlyphs          more glyphs from another font file, merged into the UI font
//
// Ranges cover the whole Hangul block, but stb_truetype skips code points the subset font
// lacks, so only the glyphs the font file holds are rasterised: in the browser that is the
// small first-load font (make_font_subset.py --split) plus, merged in, only the characters
// the simulation has actually shown from the lazily loaded Hangul files.
#pragma once
#include <cstdint>
#include <vector>

struct ImFont;

namespace invokelab::ui {

inline constexpr float kFontCssPx = 15.0f;

const unsigned short* glyph_ranges();

struct AtlasFigures {
    int glyphs = 0;
    int width = 0, height = 0;                      // texture size in pixels (alpha 8)
};

// Glyphs `ranges` (pairs of first/last code point, 0-terminated, as ImGui takes them) from
// another TrueType file. Both must outlive the atlas (the atlas keeps pointers to them).
struct MergedGlyphs {
    const std::vector<std::uint8_t>* ttf = nullptr;
    const std::vector<unsigned short>* ranges = nullptr;
};

// `ttf` must outlive the atlas (not copied; the atlas does not own it). An empty `ttf`
// gives ImGui's built-in font (English only), so the app still works without the file.
ImFont* load_ui_font(const std::vector<std::uint8_t>& ttf, float pixel_size, AtlasFigures* figures = nullptr,
                     const std::vector<MergedGlyphs>& merged = {});

} // namespace invokelab::ui
