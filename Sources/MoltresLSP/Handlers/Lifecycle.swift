import Foundation
import Moltres
import MoltresProtocol

extension LanguageServer {
    /// The commands `workspace/executeCommand` accepts.
    static let commands = [
        "moltres.runQuery", "moltres.runFile", "moltres.showSQL", "moltres.explain", "moltres.refreshSchema",
        "moltres.selectConnection",
    ]

    /// `initialize`: negotiates the position encoding, reads the workspace configuration and advertises exactly
    /// the features this server implements.
    func handleInitialize(_ params: InitializeParams, _ context: RequestContext<InitializeResult>) {
        let offered = params.capabilities.general?.positionEncodings ?? []
        let encoding: PositionEncodingKind = offered.contains(.utf8) ? .utf8 : .utf16
        let root =
            params.workspaceFolders?.first.flatMap { URL(string: $0.uri) }
            ?? params.rootUri.flatMap { URL(string: $0) } ?? params.rootPath.map { URL(fileURLWithPath: $0) }
        state.withLock { state in
            state.lifecycle = .running
            state.encoding = encoding == .utf8 ? .utf8 : .utf16
            state.rootURL = root?.isFileURL == true ? root : nil
            state.clientSettings = params.initializationOptions ?? .null
            state.supportsWorkDoneProgress = params.capabilities.window?.workDoneProgress ?? false
            state.supportsShowMessageRequest = params.capabilities.window?.showMessage != nil
            state.supportsWatchedFilesRegistration =
                params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration ?? false
            state.hoverMarkdown =
                params.capabilities.textDocument?.hover?.contentFormat?.contains(.markdown) ?? false
            state.supportsSnippets =
                params.capabilities.textDocument?.completion?.completionItem?.snippetSupport ?? false
        }
        reloadConfiguration()
        let capabilities = ServerCapabilities(
            positionEncoding: encoding,
            textDocumentSync: TextDocumentSyncOptions(
                openClose: true, change: .incremental, save: SaveOptions(includeText: false)),
            completionProvider: CompletionOptions(triggerCharacters: [".", "\"", "'", "(", "="]),
            hoverProvider: true,
            signatureHelpProvider: SignatureHelpOptions(triggerCharacters: ["(", ","], retriggerCharacters: [","]),
            definitionProvider: true,
            referencesProvider: true,
            documentSymbolProvider: true,
            codeActionProvider: CodeActionOptions(codeActionKinds: [.quickFix]),
            codeLensProvider: CodeLensOptions(resolveProvider: false),
            documentFormattingProvider: true,
            renameProvider: RenameOptions(prepareProvider: true),
            foldingRangeProvider: true,
            executeCommandProvider: ExecuteCommandOptions(commands: Self.commands),
            semanticTokensProvider: SemanticTokensOptions(
                legend: SemanticTokenClassifier.legend, range: true, full: .delta(true)),
            inlayHintProvider: true)
        context.reply(InitializeResult(capabilities: capabilities, serverInfo: ServerInfo(name: serverName)))
    }

    /// `initialized`: asks the client to watch `moltres.toml` and schema files, and starts loading the schema
    /// of the default connection.
    func handleInitialized(_ params: InitializedParams) {
        log("moltres lsp started (position encoding \(encoding == .utf8 ? "utf-8" : "utf-16"))", type: .info)
        registerFileWatchers()
        refreshCatalogs(reason: "startup")
    }

    /// Registers `workspace/didChangeWatchedFiles` for the configuration and schema files, when the client
    /// supports dynamic registration; the server then reloads them however they change (editor, git, a script).
    private func registerFileWatchers() {
        guard state.withLock({ $0.supportsWatchedFilesRegistration }) else { return }
        let options = DidChangeWatchedFilesRegistrationOptions(watchers: [
            FileSystemWatcher(globPattern: "**/moltres.toml"), FileSystemWatcher(globPattern: "**/*.json"),
        ])
        guard let registerOptions = try? JSONValueEncoder().encode(options) else { return }
        let registration = Registration(
            id: "moltres-watch-configuration", method: DidChangeWatchedFilesNotification.method,
            registerOptions: registerOptions)
        _ = connection.send(
            request: RegistrationRequest.self, params: RegistrationParams(registrations: [registration])
        ) { [weak self] result in
            if case .failure(let error) = result {
                self?.log("the client refused to watch moltres.toml: \(error.message)", type: .warning)
            }
        }
    }

    /// `shutdown`: from now on only `exit` is accepted.
    func handleShutdown(_ params: LSPNull, _ context: RequestContext<LSPNull>) {
        state.withLock { $0.lifecycle = .shutDown }
        for canceller in runningQueries.withLock({ Array($0.values) }) { canceller.cancel() }
        // Answer after the requests that arrived before it, so a client that waits for this reply has all others.
        requestQueue.async { [databaseQueue] in
            databaseQueue.sync {}
            context.reply(LSPNull())
        }
    }

    /// `exit`: ends the process, with 0 after `shutdown` and 1 otherwise.
    ///
    /// Work already queued (replies to earlier requests) gets up to two seconds to finish first, so a client that
    /// sends `exit` without waiting still receives its answers.
    func handleExit(_ params: LSPNull) {
        let drained = DispatchGroup()
        drained.enter()
        requestQueue.async { [databaseQueue, analysisQueue] in
            databaseQueue.async {
                analysisQueue.async { drained.leave() }
            }
        }
        let deadline = DispatchTime.now() + 2
        _ = drained.wait(timeout: deadline)
        // Answers the read thread could not write without blocking go out from the connection's own queue.
        connection.waitForDeferredWrites(until: deadline)
        exitNow()
    }

    // MARK: Configuration

    /// Reads `moltres.toml` and merges the client's settings over it.
    func reloadConfiguration() {
        let (root, settings) = state.withLock { ($0.rootURL, $0.clientSettings) }
        var configuration = ServerConfiguration()
        if let root {
            let file = root.appendingPathComponent("moltres.toml")
            if let text = try? String(contentsOf: file, encoding: .utf8) { configuration.apply(toml: text) }
        }
        configuration.apply(clientSettings: settings)
        let previousActive = state.withLock { $0.configuration.activeConnection }
        if configuration.activeConnection == nil { configuration.activeConnection = previousActive }
        state.withLock { state in
            state.configuration = configuration
            state.configurationGeneration += 1
        }
        for problem in configuration.problems { show(problem, type: .warning) }
    }

    /// `workspace/didChangeConfiguration`: applies the new settings and reloads the schema.
    func handleDidChangeConfiguration(_ params: DidChangeConfigurationParams) {
        state.withLock { $0.clientSettings = params.settings }
        reloadConfiguration()
        refreshCatalogs(reason: "configuration changed")
    }

    /// `workspace/didChangeWatchedFiles`: a changed `moltres.toml` or schema file reloads the configuration.
    func handleDidChangeWatchedFiles(_ params: DidChangeWatchedFilesParams) {
        let relevant = params.changes.contains { change in
            change.uri.hasSuffix("/moltres.toml") || change.uri.hasSuffix(".json")
        }
        guard relevant else { return }
        reloadConfiguration()
        refreshCatalogs(reason: "moltres.toml changed")
    }
}
