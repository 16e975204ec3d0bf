// The replay driver of the normal build: runs LLVMFuzzerTestOneInput on every file of a seed corpus and then on
// deterministic mutations of them (bit flips, truncations, insertions, splices; fixed seed), so the harnesses run
// inside the test suite without libFuzzer. The libFuzzer build (scripts/fuzz, SG_FUZZ=ON) does not use this file.
//
//   fuzz_<target> [--mutations N] [--seed S] CORPUS_DIR_OR_FILE...
//
// Exit status 0 when every input returned (a harness aborts on a finding); prints the counts.

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

using Bytes = std::vector<uint8_t>;

Bytes readFile(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The input being run, written to replay-crash.bin in the working folder when a harness aborts, so that a finding of
// a mutation can be replayed alone: fuzz_<target> replay-crash.bin
const Bytes *s_current = nullptr;

extern "C" void dumpCurrentInput(int sig)
{
    if (s_current) {
        const int fd = ::open("replay-crash.bin", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            const ssize_t written = ::write(fd, s_current->data(), s_current->size());
            static_cast<void>(written);
            ::close(fd);
        }
        static const char note[] = "replay: the failing input was written to replay-crash.bin\n";
        const ssize_t n = ::write(2, note, sizeof note - 1);
        static_cast<void>(n);
    }
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

void run(const Bytes &input)
{
    s_current = &input;
    // A copy with exactly the input's size, so that ASan (when present) sees reads past the end.
    const auto copy = std::make_unique<uint8_t[]>(std::max<size_t>(input.size(), 1));
    std::copy(input.begin(), input.end(), copy.get());
    LLVMFuzzerTestOneInput(copy.get(), input.size());
}

Bytes mutate(const std::vector<Bytes> &corpus, std::mt19937_64 &rng)
{
    const auto pick = [&rng](size_t n) { return n == 0 ? size_t{0} : size_t(rng() % n); };
    Bytes out = corpus[pick(corpus.size())];
    const int steps = 1 + int(pick(4));
    static const char *const interesting[] = {"\"", "{", "}", "[", "]", ",", ":", "null", "-1", "0", "1e999",
        "9223372036854775807", "\\u0000", "\xd0\xb0", "\xff\xfe", "\xef\xbb\xbf", "\r\n", ";", "\t", "%00", "/"};
    for (int s = 0; s < steps; ++s) {
        switch (pick(6)) {
        case 0: // bit flip
            if (!out.empty())
                out[pick(out.size())] ^= uint8_t(1u << pick(8));
            break;
        case 1: // truncation
            out.resize(pick(out.size() + 1));
            break;
        case 2: { // insertion of random bytes
            const size_t at = pick(out.size() + 1);
            const size_t n = 1 + pick(8);
            Bytes ins(n);
            for (auto &b : ins)
                b = uint8_t(rng());
            out.insert(out.begin() + std::ptrdiff_t(at), ins.begin(), ins.end());
            break;
        }
        case 3: { // insertion of a token that matters to the parsers
            const std::string t = interesting[pick(std::size(interesting))];
            const size_t at = pick(out.size() + 1);
            out.insert(out.begin() + std::ptrdiff_t(at), t.begin(), t.end());
            break;
        }
        case 4: { // splice with another corpus file
            const Bytes &other = corpus[pick(corpus.size())];
            const size_t cut = pick(out.size() + 1);
            const size_t from = pick(other.size() + 1);
            out.resize(cut);
            out.insert(out.end(), other.begin() + std::ptrdiff_t(from), other.end());
            break;
        }
        default: // erase a range
            if (!out.empty()) {
                const size_t at = pick(out.size());
                const size_t n = 1 + pick(std::min<size_t>(16, out.size() - at));
                out.erase(out.begin() + std::ptrdiff_t(at), out.begin() + std::ptrdiff_t(at + n));
            }
            break;
        }
    }
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    long mutations = 1000;
    unsigned long long seed = 20261203;
    std::vector<std::filesystem::path> inputs;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--mutations" && i + 1 < argc)
            mutations = std::strtol(argv[++i], nullptr, 10);
        else if (arg == "--seed" && i + 1 < argc)
            seed = std::strtoull(argv[++i], nullptr, 10);
        else
            inputs.emplace_back(arg);
    }
    std::vector<std::filesystem::path> files;
    for (const auto &p : inputs) {
        if (std::filesystem::is_directory(p)) {
            for (const auto &e : std::filesystem::directory_iterator(p)) {
                if (e.is_regular_file())
                    files.push_back(e.path());
            }
        } else if (std::filesystem::is_regular_file(p)) {
            files.push_back(p);
        } else {
            std::fprintf(stderr, "replay: no such corpus: %s\n", p.string().c_str());
            return 2;
        }
    }
    std::sort(files.begin(), files.end()); // the order of a directory listing is not stable
    if (files.empty()) {
        std::fprintf(stderr, "replay: the corpus is empty\n");
        return 2;
    }
    std::signal(SIGABRT, dumpCurrentInput);
    std::signal(SIGSEGV, dumpCurrentInput);
    const auto started = std::chrono::steady_clock::now();
    std::vector<Bytes> corpus;
    for (const auto &f : files) {
        corpus.push_back(readFile(f));
        std::fprintf(stderr, "replay: %s\n", f.filename().string().c_str());
        run(corpus.back());
    }
    std::mt19937_64 rng(seed);
    for (long i = 0; i < mutations; ++i) {
        const Bytes input = mutate(corpus, rng);
        run(input);
    }
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    std::printf("replay: %zu corpus files, %ld mutations (seed %llu), %lld ms\n", files.size(), mutations, seed,
        static_cast<long long>(ms.count()));
    return 0;
}
