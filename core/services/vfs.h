// Invoke Lab core: the small file system inside the world.
//
// `aws lambda invoke ... response.json` writes the response body here, and `cat response.json`
// reads it back, so the browser terminal behaves like a real one. Paths are kept as given
// after normalising "./" prefixes.
#pragma once
#include <map>
#include <optional>
#include <string>

namespace invokelab {

class VirtualFs {
public:
    void write(const std::string& path, const std::string& content) { files_[normalise(path)] = content; }
    std::optional<std::string> read(const std::string& path) const {
        auto it = files_.find(normalise(path));
        if (it == files_.end()) return std::nullopt;
        return it->second;
    }
    static std::string normalise(std::string path) {
        while (path.rfind("./", 0) == 0) path.erase(0, 2);
        return path;
    }
private:
    std::map<std::string, std::string> files_;
};

} // namespace invokelab
