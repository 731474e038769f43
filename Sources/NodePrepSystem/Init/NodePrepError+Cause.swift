import NodePrepCore

extension NodePrepError {
    /// A failure caused by `error`, kept whole, and located where `error` says it happened: the
    /// source or node path of a ``SourceLoader/Failure`` or ``NodeFileError``, the request path of an
    /// ``IMDSError``. A `NodePrepError` passes through unchanged: it already says what failed.
    public static func wrapping(_ error: any Error, as code: Code, _ message: String) -> NodePrepError {
        if let error = error as? NodePrepError {
            return error
        }
        return NodePrepError(code, message, location: location(of: error), underlying: error)
    }

    /// A source (a file, IMDS) could not be read.
    public static func sourceUnavailable(_ error: any Error) -> NodePrepError {
        .wrapping(error, as: .sourceUnavailable, "cannot read configuration")
    }

    /// The node's current files could not be read.
    public static func nodeUnreadable(_ error: any Error) -> NodePrepError {
        .wrapping(error, as: .nodeUnreadable, "cannot read the node's current files")
    }

    /// A file could not be written.
    public static func writeFailed(_ error: any Error) -> NodePrepError {
        .wrapping(error, as: .writeFailed, "cannot write")
    }

    static func location(of error: any Error) -> Location? {
        switch error {
        case let error as SourceLoader.Failure: .file(error.source)
        case let error as NodeFileError: .file(error.path)
        case let error as IMDSError: .imds(error.path)
        default: nil
        }
    }
}
