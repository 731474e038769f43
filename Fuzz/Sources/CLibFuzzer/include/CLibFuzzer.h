#ifndef NODEPREP_CLIBFUZZER_H
#define NODEPREP_CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry point for a program with its own main (libFuzzer 11 and later). SwiftPM
/// renames an executable's main, so the fuzz targets call this instead of relying on libFuzzer's.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
