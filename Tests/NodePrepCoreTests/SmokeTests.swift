import Testing
@testable import NodePrepCore

@Test func plannedFileKeepsText() {
    #expect(PlannedFile(path: "/a", text: "x").contents == [0x78])
}
