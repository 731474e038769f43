import Testing

@testable import NodePrepCore

struct UnifiedDiffTests {
    @Test func identicalTextsHaveNoDiff() {
        #expect(UnifiedDiff.render(old: "a\nb\n", new: "a\nb\n", oldName: "x", newName: "x") == "")
    }

    @Test func aChangedLineWithContext() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n")
        let expected = """
            --- a/f
            +++ b/f
            @@ -2,7 +2,7 @@
             line 2
             line 3
             line 4
            -line 5
            +line five
             line 6
             line 7
             line 8

            """
        #expect(UnifiedDiff.render(old: old, new: new, oldName: "a/f", newName: "b/f") == expected)
    }

    @Test func aNewFileIsAllInsertions() {
        let expected = "--- /dev/null\n+++ b/f\n@@ -0,0 +1,2 @@\n+one\n+two\n"
        #expect(UnifiedDiff.render(old: "", new: "one\ntwo\n", oldName: "/dev/null", newName: "b/f") == expected)
    }

    @Test func distantChangesMakeTwoHunks() {
        let old = (1...20).map { "l\($0)" }.joined(separator: "\n")
        let new = old.replacingOccurrences(of: "l2\n", with: "L2\n").replacingOccurrences(of: "l19\n", with: "L19\n")
        let diff = UnifiedDiff.render(old: old, new: new, oldName: "a", newName: "b")
        #expect(diff.components(separatedBy: "\n@@").count == 3)
        #expect(diff.contains("@@ -1,5 +1,5 @@\n l1\n-l2\n+L2\n"))
        #expect(diff.contains("@@ -16,5 +16,5 @@\n l16\n l17\n l18\n-l19\n+L19\n l20\n"))
    }
}
