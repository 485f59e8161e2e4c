import Foundation
import Moltres
import MoltresProtocol

/// The Moltres language server: the handler table, the shared state and the queues work runs on.
///
/// Threading: the connection's read thread decodes messages and runs the handlers registered here in arrival
/// order. Document notifications update the ``DocumentStore`` right there (cheap: one parse), so every later request
/// sees the newest text. Requests hop to ``requestQueue`` (serial) and answer from the newest snapshot; diagnostics
/// are computed on ``analysisQueue`` after a short debounce and dropped when a newer version arrived meanwhile;
/// database work (schema loading, queries) runs on ``databaseQueue`` so a slow query never blocks hover or
/// completion.
///
/// ```swift
/// let server = LanguageServer(connection: .standardIO(log: log))
/// server.start()
/// server.connection.waitUntilClosed()
/// ```
public final class LanguageServer: Sendable {
    /// The lifecycle of the server (LSP §Lifecycle messages).
    enum Lifecycle: Sendable {
        case waitingForInitialize
        case running
        case shutDown
    }

    /// Mutable server state, guarded by one lock.
    struct State: Sendable {
        var lifecycle = Lifecycle.waitingForInitialize
        var encoding = ColumnEncoding.utf16
        var rootURL: URL?
        var clientSettings: JSONValue = .null
        var configuration = ServerConfiguration()
        var supportsWorkDoneProgress = false
        /// Whether the client answers `window/showMessageRequest` (used to confirm writes).
        var supportsShowMessageRequest = false
        /// Whether the client lets the server register file watchers (`client/registerCapability`).
        var supportsWatchedFilesRegistration = false
        var supportsSnippets = false
        /// Whether the client renders markdown in hovers (else plain text is sent).
        var hoverMarkdown = false
        var nextProgressToken = 1
        /// Catalogs by resolved connection URL (or `schema-file` for the offline file).
        var catalogs: [String: Catalog] = [:]
        /// URLs whose catalog is being loaded, so a second request does not start another load.
        var loadingCatalogs: Set<String> = []
        /// Bumped whenever a cached catalog changes, so cached analyses know they are stale.
        var catalogGeneration = 0
        /// Bumped whenever the configuration is reloaded, so answers cached under the old one are not reused.
        var configurationGeneration = 0
        /// The newest analysis of each document, reused while neither its version nor the catalogs change.
        var analyses: [DocumentUri: (version: Int, generation: Int, analysis: DocumentAnalysis)] = [:]
        /// Errors the database reported for a document version's statements (MOL6xxx), shown until it changes.
        var databaseDiagnostics: [DocumentUri: (version: Int, diagnostics: [Moltres.Diagnostic])] = [:]
        /// The diagnostics last published for each document, so an unchanged set is not sent again.
        var published: [DocumentUri: (version: Int, diagnostics: [MoltresProtocol.Diagnostic])] = [:]
        /// The schemas a refresh dropped, kept until the new load succeeds: if the database cannot be reached,
        /// the editor goes on with the schema it had rather than none.
        var replacedCatalogs: [String: Catalog] = [:]
        /// Connections that could not be reached, with the error, for diagnostics and hover.
        var connectionErrors: [String: String] = [:]
        /// What the SQL check of each document's last compilation found per statement, for the next version.
        var sqlCheckMemos: [DocumentUri: SQLCheckMemo] = [:]
    }

    /// The JSON-RPC connection the server answers on.
    public let connection: JSONRPCConnection
    let documents = DocumentStore()
    let state = Protected(State())
    let requestQueue = DispatchQueue(label: "moltres.lsp.requests", qos: .userInitiated)
    let analysisQueue = DispatchQueue(label: "moltres.lsp.analysis", qos: .utility)
    let databaseQueue = DispatchQueue(label: "moltres.lsp.database", qos: .utility)
    /// How long diagnostics wait after the last edit.
    let diagnosticsDelay: DispatchTimeInterval
    /// Called for `exit` with the exit code the specification asks for (0 after `shutdown`, else 1).
    private let exitHandler: @Sendable (Int32) -> Void
    /// Read-only connections used to prepare queries for MOL6001 diagnostics, by URL.
    ///
    /// - Important: The connections are used only on ``databaseQueue``.
    let validationConnections = Protected<[String: any DatabaseConnection]>([:])
    /// Running editor queries by request id, so `$/cancelRequest` can stop them in the database.
    let runningQueries = Protected<[String: any QueryCanceller]>([:])
    /// When each document was last edited, for the leading edge of the diagnostics debounce.
    let lastEdits = Protected<[DocumentUri: DispatchTime]>([:])
    /// The last semantic tokens sent per document and their `resultId`, for delta requests.
    let semanticTokensResults = Protected<[DocumentUri: (id: String, data: [UInt32])]>([:])

    /// Creates a server on `connection`; call ``start()`` to begin serving.
    ///
    /// - Parameters:
    ///   - diagnosticsDelay: the debounce between an edit and its diagnostics.
    ///   - exitHandler: what `exit` does; the default ends the process.
    public init(
        connection: JSONRPCConnection, diagnosticsDelay: DispatchTimeInterval = .milliseconds(150),
        exitHandler: @escaping @Sendable (Int32) -> Void = { code in exit(code) }
    ) {
        self.connection = connection
        self.diagnosticsDelay = diagnosticsDelay
        self.exitHandler = exitHandler
        databaseQueue.setSpecific(key: databaseQueueKey, value: true)
    }

    /// Registers the handler table and starts reading messages.
    ///
    /// When the input ends without `exit`, the exit handler runs with 1 (0 if `shutdown` came first).
    public func start() {
        registerHandlers()
        connection.setRequestGate { [state] method in
            switch state.withLock({ $0.lifecycle }) {
            case .waitingForInitialize:
                return method == InitializeRequest.method
                    ? nil
                    : ResponseError(
                        code: ResponseError.serverNotInitialized, message: "the server is not initialized yet")
            case .running:
                return method == InitializeRequest.method ? .invalidRequest("initialize was already received") : nil
            case .shutDown:
                return .invalidRequest("the server is shut down; only exit is accepted")
            }
        }
        connection.setNotificationGate { [state] method in
            let lifecycle = state.withLock { $0.lifecycle }
            switch lifecycle {
            case .waitingForInitialize: return method == ExitNotification.method
            case .running: return true
            case .shutDown: return method == ExitNotification.method
            }
        }
        connection.start { [self] in
            exitHandler(state.withLock { $0.lifecycle } == .shutDown ? 0 : 1)
        }
    }

    /// The handler table: one line per message.
    private func registerHandlers() {
        connection
            .on(InitializeRequest.self, handleInitialize)
            .on(InitializedNotification.self, handleInitialized)
            .on(ShutdownRequest.self, handleShutdown)
            .on(ExitNotification.self, handleExit)
            .on(DidOpenTextDocumentNotification.self, handleDidOpen)
            .on(DidChangeTextDocumentNotification.self, handleDidChange)
            .on(DidCloseTextDocumentNotification.self, handleDidClose)
            .on(DidSaveTextDocumentNotification.self, handleDidSave)
            .on(DidChangeConfigurationNotification.self, handleDidChangeConfiguration)
            .on(DidChangeWatchedFilesNotification.self, handleDidChangeWatchedFiles)
            .on(SetTraceNotification.self) { _ in }
            .on(CancelRequestNotification.self) { _ in }
            .on(SemanticTokensFullRequest.self, onRequestQueue(handleSemanticTokens))
            .on(SemanticTokensRangeRequest.self, onRequestQueue(handleSemanticTokensRange))
            .on(SemanticTokensDeltaRequest.self, onRequestQueue(handleSemanticTokensDelta))
            .on(FoldingRangeRequest.self, onRequestQueue(handleFoldingRange))
            .on(DocumentSymbolRequest.self, onRequestQueue(handleDocumentSymbol))
            .on(DocumentFormattingRequest.self, onRequestQueue(handleFormatting))
            .on(CodeActionRequest.self, onRequestQueue(handleCodeAction))
            .on(CodeLensRequest.self, onRequestQueue(handleCodeLens))
            .on(DefinitionRequest.self, onRequestQueue(handleDefinition))
            .on(ReferencesRequest.self, onRequestQueue(handleReferences))
            .on(PrepareRenameRequest.self, onRequestQueue(handlePrepareRename))
            .on(RenameRequest.self, onRequestQueue(handleRename))
            .on(CompletionRequest.self, positionRequest(CompletionRequest.self, handleCompletion))
            .on(HoverRequest.self, positionRequest(HoverRequest.self, handleHover))
            .on(SignatureHelpRequest.self, onRequestQueue(handleSignatureHelp))
            .on(InlayHintRequest.self, onRequestQueue(handleInlayHint))
            .on(ExecuteCommandRequest.self, handleExecuteCommand)
    }

    /// Wraps a synchronous handler so it runs on ``requestQueue`` and answers RequestCancelled when the client
    /// cancelled it before it started.
    private func onRequestQueue<Params: Sendable, Response>(
        _ body: @escaping @Sendable (Params) throws -> Response
    ) -> @Sendable (Params, RequestContext<Response>) -> Void {
        { [requestQueue] params, context in
            requestQueue.async {
                if context.isCancelled {
                    context.reply(error: ResponseError(code: ResponseError.requestCancelled, message: "cancelled"))
                    return
                }
                context.reply { try body(params) }
            }
        }
    }

    /// Wraps a hover-like handler (its answer depends only on the document version, the position and the
    /// configuration): when the document's analysis is current and warm, it answers on the read thread without a
    /// hop to ``requestQueue`` (a thread wake-up costs more than the answer), from the analysis's cache of
    /// encoded answers when the same position was asked before; otherwise it runs on ``requestQueue`` like
    /// ``onRequestQueue(_:)``. Either way the encoded answer is cached with the analysis.
    private func positionRequest<Request: LSPRequest>(
        _ request: Request.Type, _ body: @escaping @Sendable (Request.Params) throws -> Request.Response
    ) -> @Sendable (Request.Params, RequestContext<Request.Response>) -> Void
    where Request.Params: PositionRequestParams {
        { [self] params, context in
            let configuration = state.withLock { $0.configurationGeneration }
            let key = AnalysisCache.Key(
                method: Request.method, line: params.position.line, character: params.position.character,
                configuration: configuration)
            @Sendable func answer(cached analysis: DocumentAnalysis?, storeIn current: () -> DocumentAnalysis?) {
                if let analysis, let cached = analysis.cache.response(key) {
                    context.reply(encodedResult: cached)
                    return
                }
                do {
                    let bytes = try encodeJSONBytes(try body(params))
                    current()?.cache.store(bytes, for: key)
                    context.reply(encodedResult: bytes)
                } catch let error as ResponseError {
                    context.reply(error: error)
                } catch {
                    context.reply(error: ResponseError(code: ResponseError.requestFailed, message: "\(error)"))
                }
            }
            let uri = params.textDocument.uri
            if let snapshot = documents.snapshot(uri), let analysis = currentAnalysis(of: snapshot), analysis.isWarm {
                // On the read thread no edit can land meanwhile, so the answer belongs to this analysis.
                answer(cached: analysis) { analysis }
                return
            }
            requestQueue.async { [self] in
                if context.isCancelled {
                    context.reply(error: ResponseError(code: ResponseError.requestCancelled, message: "cancelled"))
                    return
                }
                let before = documents.snapshot(uri)
                answer(cached: before.flatMap { currentAnalysis(of: $0) }) {
                    // Cache only when no edit arrived while the handler ran (it read the same snapshot).
                    guard let before, let after = documents.snapshot(uri), after.isSame(as: before) else { return nil }
                    return currentAnalysis(of: after)
                }
            }
        }
    }

    // MARK: Shared helpers

    /// The negotiated column unit.
    var encoding: ColumnEncoding { state.withLock { $0.encoding } }

    /// The newest snapshot of a document: the open one, else the file on disk.
    func snapshot(_ uri: DocumentUri) throws -> DocumentSnapshot {
        if let snapshot = documents.snapshot(uri) { return snapshot }
        if let url = URL(string: uri), url.isFileURL, let text = try? String(contentsOf: url, encoding: .utf8) {
            return DocumentSnapshot(uri: uri, version: 0, source: SourceText(text))
        }
        throw ResponseError(code: ResponseError.invalidParams, message: "unknown document \(uri)")
    }

    /// A converter for a snapshot in the negotiated encoding.
    func converter(_ snapshot: DocumentSnapshot) -> PositionConverter {
        PositionConverter(source: snapshot.source, encoding: encoding)
    }

    /// Sends a line to the client's log (`window/logMessage`) and to standard error.
    func log(_ message: String, type: MessageType = .log) {
        FileHandle.standardError.write(Data("moltres lsp: \(message)\n".utf8))
        connection.send(
            notification: LogMessageNotification.self, params: LogMessageParams(type: type, message: message))
    }

    /// Shows a message to the user (`window/showMessage`).
    func show(_ message: String, type: MessageType) {
        connection.send(
            notification: ShowMessageNotification.self, params: ShowMessageParams(type: type, message: message))
    }

    /// Marks the server as exited; used by ``handleExit(_:)``.
    func exitNow() {
        exitHandler(state.withLock { $0.lifecycle } == .shutDown ? 0 : 1)
    }
}

/// The parameters of a request about one position of one document (hover, completion).
protocol PositionRequestParams: TextDocumentParams {
    var position: Position { get }
}

extension HoverParams: PositionRequestParams {}
extension CompletionParams: PositionRequestParams {}
