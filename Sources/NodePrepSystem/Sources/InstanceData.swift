import Logging
import NodePrepCore
import Synchronization

/// The instance's user data and node address: from this boot's copy (``BootCache``) when there is
/// one, else from IMDS.
///
/// What IMDS answers is kept in memory and written to the boot's copy only by ``keep()``, which
/// `init` calls once the configuration has been planned without error: a run that fails leaves no
/// copy behind, and `--dry-run` never writes one. The copy's files are read afresh by every run;
/// the image's own sources (`/etc/nodeprep/config.d/`) are not part of it and are always re-read.
public final class InstanceData: UserDataProvider, Sendable {
    private let cache: BootCache
    private let fetchUserData: @Sendable () async throws -> [UInt8]?
    private let fetchNodeAddress: @Sendable () async throws -> String
    private let logger: Logger
    /// What IMDS answered in this run and the copy lacks: the entries ``keep()`` writes.
    private let fetched = Mutex<[BootCache.Entry: [UInt8]]>([:])

    public init(
        cache: BootCache, logger: Logger, userData: @escaping @Sendable () async throws -> [UInt8]?,
        nodeAddress: @escaping @Sendable () async throws -> String
    ) {
        self.cache = cache
        self.logger = logger
        self.fetchUserData = userData
        self.fetchNodeAddress = nodeAddress
    }

    public func userData() async throws -> [UInt8]? {
        if let bytes = copied(.userData, what: "user data") { return bytes }
        if copied(.noUserData, what: "user data (none)") != nil { return nil }
        let bytes = try await fetchUserData()
        fetched.withLock { $0[bytes == nil ? .noUserData : .userData] = bytes ?? [] }
        return bytes
    }

    public func nodeAddress() async throws -> String {
        if let bytes = copied(.nodeAddress, what: "node address") {
            return String(decoding: bytes, as: UTF8.self)
        }
        let address = try await fetchNodeAddress()
        fetched.withLock { $0[.nodeAddress] = Array(address.utf8) }
        return address
    }

    /// Writes what IMDS answered in this run to the boot's copy. A failure is a warning: the run
    /// itself has what it needs, only a later run of this boot will ask IMDS again.
    public func keep() {
        let entries = fetched.withLock { entries in
            defer { entries = [:] }
            return entries
        }
        do {
            try cache.store(entries)
            for entry in entries.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
                logger.info("kept this boot's copy of the IMDS answer in \(entry.path)")
            }
            try cache.removeLeftovers()
        } catch {
            logger.warning("could not keep this boot's copy of the IMDS answer: \(error)")
        }
    }

    /// The copy's bytes for `entry`, logged; nil (and IMDS asked instead) when there is none or
    /// it cannot be read.
    private func copied(_ entry: BootCache.Entry, what: String) -> [UInt8]? {
        do {
            guard let bytes = try cache.read(entry) else { return nil }
            logger.info("\(what): this boot's copy in \(entry.path), IMDS not asked")
            return bytes
        } catch {
            logger.warning("cannot read this boot's copy \(entry.path), asking IMDS: \(error)")
            return nil
        }
    }
}
