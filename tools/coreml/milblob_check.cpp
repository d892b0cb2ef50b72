// Reads an ML Program weights file with Apple's own MIL blob reader (coremltools mlmodel/src/MILBlob) and writes
// the same blobs again with Apple's writer, so check_mlpackage.sh can compare the bytes with Painterly's file.
//   milblob_check read WEIGHT.BIN OFFSET...   type and value count of the blobs at those metadata offsets
//   milblob_check rewrite WEIGHT.BIN OUT.BIN  every blob, in file order, through Apple's StorageWriter
#include "MILBlob/Blob/StorageReader.hpp"
#include "MILBlob/Blob/StorageWriter.hpp"
#include <cstdio>
#include <cstdlib>
#include <string>
using namespace MILBlob;
using namespace MILBlob::Blob;
int main(int argc, char** argv) {
    if (argc < 3) { std::printf("usage: milblob_check read|rewrite WEIGHT.BIN ...\n"); return 2; }
    std::string mode = argv[1];
    try {
        StorageReader reader(argv[2]);
        auto offsets = reader.GetAllOffsets();
        if (mode == "read") {
            for (int i = 3; i < argc; i++) {
                uint64_t off = std::strtoull(argv[i], nullptr, 10);
                auto t = reader.GetDataType(off);
                if (t == BlobDataType::Float16) { auto v = reader.GetDataView<Fp16>(off); std::printf("%llu fp16 n=%zu\n", (unsigned long long)off, v.Size()); }
                else if (t == BlobDataType::Float32) { auto v = reader.GetDataView<float>(off); std::printf("%llu fp32 n=%zu first=%g\n", (unsigned long long)off, v.Size(), v.Size() ? v[0] : 0.f); }
                else std::printf("%llu other\n", (unsigned long long)off);
            }
            std::printf("all offsets: %zu\n", offsets.size());
        } else {
            StorageWriter writer(argv[3]);
            for (auto off : offsets) {
                if (reader.GetDataType(off) == BlobDataType::Float16) writer.WriteData<Fp16>(reader.GetDataView<Fp16>(off));
                else writer.WriteData<float>(reader.GetDataView<float>(off));
            }
            std::printf("rewrote %zu blobs\n", offsets.size());
        }
    } catch (std::exception& e) { std::printf("ERROR %s\n", e.what()); return 1; }
    return 0;
}
