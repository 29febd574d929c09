#include "app/fonts.h"
#include <imgui.h>

namespace invokelab::ui {

const unsigned short* glyph_ranges() {
    static const ImWchar ranges[] = {
        0x0020, 0x007E,                             // ASCII
        0x00A0, 0x00FF,                             // Latin-1 (×, ·, °)
        0x2010, 0x205E,                             // punctuation: dashes, quotes, …, ‧
        0x2190, 0x21FF,                             // arrows
        0x22EF, 0x22EF,                             // ⋯ (the lanes' compressed waits)
        0x2460, 0x24FF,                             // circled numbers
        0x25A0, 0x25FF,                             // geometric shapes: ▶ ■ ● ◆
        0x3000, 0x303F,                             // CJK punctuation
        0x3131, 0x318E,                             // Hangul compatibility jamo
        0xAC00, 0xD7A3,                             // Hangul syllables (only those in the subset get baked)
        0,
    };
    return ranges;
}

ImFont* load_ui_font(const std::vector<std::uint8_t>& ttf, float pixel_size, AtlasFigures* figures,
                     const std::vector<MergedGlyphs>& merged) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFont* font = nullptr;
    if (!ttf.empty()) {
        ImFontConfig config;
        config.FontDataOwnedByAtlas = false;        // the bytes are reused on every devicePixelRatio change
        config.OversampleH = 1;                     // sharpness comes from baking at the device pixel size,
        config.OversampleV = 1;                     // so oversampling would only grow the atlas
        config.PixelSnapH = true;
        font = io.Fonts->AddFontFromMemoryTTF(const_cast<std::uint8_t*>(ttf.data()), static_cast<int>(ttf.size()),
                                              pixel_size, &config, glyph_ranges());
        for (const MergedGlyphs& m : merged) {
            if (!font || !m.ttf || m.ttf->empty() || !m.ranges || m.ranges->size() < 3) continue;
            ImFontConfig more = config;
            more.MergeMode = true;                  // into `font`: one font, glyphs from several files
            io.Fonts->AddFontFromMemoryTTF(const_cast<std::uint8_t*>(m.ttf->data()), static_cast<int>(m.ttf->size()),
                                           pixel_size, &more, m.ranges->data());
        }
    }
    if (!font) {
        ImFontConfig config;
        config.SizePixels = pixel_size;
        font = io.Fonts->AddFontDefault(&config);
    }
    io.Fonts->TexDesiredWidth = 2048;               // fewer, wider rows: a square-ish texture for ~2,400 glyphs
    io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
    if (figures) {
        figures->glyphs = font->Glyphs.Size;
        figures->width = w;
        figures->height = h;
    }
    return font;
}

} // namespace invokelab::ui
