import Testing
@testable import NodePrepSystem
