import Glibc
import Testing

@testable import NodePrepSystem

/// The supervisor's decisions and the worker's command line, without processes.
struct InitSupervisorTests {
    typealias End = InitSupervisor.WorkerEnd

    @Test func aWorkerThatExitsEndsTheRunWithItsStatus() {
        for status: Int32 in [0, 65, 69, 73] {
            #expect(
                InitSupervisor.decide(after: .exited(status), restarts: 0, remaining: .seconds(30)) == .exit(status))
        }
        // Even with every restart used up: an exit is never a crash.
        #expect(InitSupervisor.decide(after: .exited(0), restarts: 3, remaining: .zero) == .exit(0))
    }

    @Test(arguments: [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT])
    func aCrashIsRunAgainWhileRestartsAndTimeAreLeft(signal: Int32) {
        #expect(InitSupervisor.decide(after: .killed(signal: signal), restarts: 0, remaining: .seconds(5)) == .restart)
        #expect(
            InitSupervisor.decide(
                after: .killed(signal: signal), restarts: InitSupervisor.maxRestarts - 1, remaining: .milliseconds(1))
                == .restart)
        #expect(
            InitSupervisor.decide(
                after: .killed(signal: signal), restarts: InitSupervisor.maxRestarts, remaining: .seconds(5))
                == .tooManyCrashes)
        #expect(InitSupervisor.decide(after: .killed(signal: signal), restarts: 0, remaining: .zero) == .deadlinePassed)
    }

    /// Someone stopped the worker (systemd, Ctrl-C, an operator's kill): not a crash.
    @Test(arguments: [SIGTERM, SIGINT, SIGKILL, SIGHUP, SIGQUIT])
    func aStoppedWorkerEndsTheRunTheSameWay(signal: Int32) {
        #expect(
            InitSupervisor.decide(after: .killed(signal: signal), restarts: 0, remaining: .seconds(30))
                == .endBy(signal: signal))
    }

    /// Status words as the kernel builds them: exit status in bits 8-15; signal in bits 0-6, with
    /// bit 7 set when a core was dumped.
    @Test func waitStatusesAreDecoded() {
        #expect(End(waitStatus: 0) == .exited(0))
        #expect(End(waitStatus: 69 << 8) == .exited(69))
        #expect(End(waitStatus: SIGSEGV) == .killed(signal: SIGSEGV))
        #expect(End(waitStatus: SIGSEGV | 0x80) == .killed(signal: SIGSEGV))
        #expect(End(waitStatus: SIGTERM) == .killed(signal: SIGTERM))
    }

    @Test func theFirstWorkerGetsTheCommandLineAsItIs() {
        let arguments = ["nodeprep", "init", "--imds-deadline", "20"]
        #expect(InitSupervisor.workerArguments(arguments, remaining: nil) == arguments)
    }

    @Test func aLaterWorkerGetsWhatIsLeftOfTheDeadlineLast() {
        let arguments = ["nodeprep", "init", "--imds-deadline", "20", "--root", "/r"]
        #expect(
            InitSupervisor.workerArguments(arguments, remaining: .milliseconds(12_500))
                == arguments + ["--imds-deadline=12.5"])
        #expect(
            InitSupervisor.workerArguments(["nodeprep", "init", "--", "x"], remaining: .seconds(3))
                == ["nodeprep", "init", "--imds-deadline=3.0", "--", "x"])
        // Never zero or negative, which the option refuses.
        #expect(
            InitSupervisor.workerArguments(["nodeprep", "init"], remaining: .zero)
                == ["nodeprep", "init", "--imds-deadline=0.001"])
    }

    @Test func signalsAreNamedForTheLog() {
        #expect(InitSupervisor.name(of: SIGSEGV) == "SIGSEGV")
        #expect(InitSupervisor.name(of: SIGTERM) == "signal 15")
    }
}
