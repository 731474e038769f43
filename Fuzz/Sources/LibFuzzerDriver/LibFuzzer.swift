import CLibFuzzer

#if canImport(Glibc)
import Glibc
#endif

/// Hands the process to libFuzzer with `body` as the fuzz target, and exits with its status.
///
/// `body` gets each input as bytes. It returns nothing: a finding is a crash (a failed
/// precondition, a sanitizer report), which libFuzzer records with the input that caused it.
public func runLibFuzzer(_ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, body))
}

/// The input as an array (libFuzzer passes a null pointer for the empty input).
public func inputBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}
