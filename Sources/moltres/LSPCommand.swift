import ArgumentParser
import Foundation
import MoltresLSP
import MoltresProtocol

/// `moltres lsp`: the language server over standard input and output.
struct LSPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run the Moltres language server (LSP 3.17 over stdio).",
        discussion: """
            Standard output carries only protocol messages; logs go to standard error and window/logMessage. \
            Exit status: 0 after shutdown and exit, 1 when the client exits or disconnects without shutdown.
            """
    )

    @Flag(name: .long, help: "Accepted for compatibility with clients that pass it; stdio is the only transport.")
    var stdio = false

    func run() throws {
        LanguageServer.limitMallocArenas()
        let connection = JSONRPCConnection.standardIO { message in
            FileHandle.standardError.write(Data("moltres lsp: \(message)\n".utf8))
        }
        let server = LanguageServer(connection: connection)
        server.start()
        connection.waitUntilClosed()
        // The close handler has already exited the process; this is only reached if it returned.
        Foundation.exit(1)
    }
}
