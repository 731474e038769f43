/// A failure of the test rig itself (a missing program, a daemon that never came up), as opposed
/// to an assertion about nodeprep's files. The message says what to install or where to look,
/// because a rig failure on CI is read by someone who did not write the rig.
struct HarnessError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
