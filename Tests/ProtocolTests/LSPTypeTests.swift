import Testing

@testable import MoltresProtocol

/// Encodes `value`, compares the text with `json` exactly, then decodes `json` back and compares with `value`.
private func check<T: Codable & Equatable>(
    _ value: T, _ json: String, sourceLocation: SourceLocation = #_sourceLocation
)
    throws
{
    let encoded = try JSONValueEncoder().encode(value)
    #expect(encoded.encodedString() == json, sourceLocation: sourceLocation)
    let decoded = try JSONValueDecoder().decode(T.self, from: JSONValue(parsing: json))
    #expect(decoded == value, sourceLocation: sourceLocation)
}

private let range = LSPRange(start: Position(line: 1, character: 2), end: Position(line: 3, character: 4))
private let rangeJSON = #"{"start":{"line":1,"character":2},"end":{"line":3,"character":4}}"#
private let uri = "file:///w/a.moltres"

@Test func basicStructures() throws {
    try check(Position(line: 0, character: 5), #"{"line":0,"character":5}"#)
    try check(range, rangeJSON)
    try check(Location(uri: uri, range: range), #"{"uri":"file:///w/a.moltres","range":\#(rangeJSON)}"#)
    try check(
        LocationLink(targetUri: uri, targetRange: range, targetSelectionRange: range),
        #"{"targetUri":"file:///w/a.moltres","targetRange":\#(rangeJSON),"targetSelectionRange":\#(rangeJSON)}"#)
    try check(TextDocumentIdentifier(uri: uri), #"{"uri":"file:///w/a.moltres"}"#)
    try check(VersionedTextDocumentIdentifier(uri: uri, version: 3), #"{"uri":"file:///w/a.moltres","version":3}"#)
    try check(OptionalVersionedTextDocumentIdentifier(uri: uri), #"{"uri":"file:///w/a.moltres","version":null}"#)
    try check(
        TextDocumentItem(uri: uri, languageId: "moltres", version: 1, text: "db\n"),
        #"{"uri":"file:///w/a.moltres","languageId":"moltres","version":1,"text":"db\n"}"#)
    try check(
        TextDocumentPositionParams(
            textDocument: TextDocumentIdentifier(uri: uri), position: Position(line: 1, character: 1)),
        #"{"textDocument":{"uri":"file:///w/a.moltres"},"position":{"line":1,"character":1}}"#)
    try check(TextDocumentContentChangeEvent(text: "all"), #"{"text":"all"}"#)
    try check(
        TextDocumentContentChangeEvent(range: range, rangeLength: 4, text: "x"),
        #"{"range":\#(rangeJSON),"rangeLength":4,"text":"x"}"#)
    try check(
        WorkspaceEdit(
            changes: [uri: [TextEdit(range: range, newText: "y")]],
            documentChanges: [
                TextDocumentEdit(
                    textDocument: OptionalVersionedTextDocumentIdentifier(uri: uri, version: 2),
                    edits: [TextEdit(range: range, newText: "z")])
            ]),
        #"{"changes":{"file:///w/a.moltres":[{"range":\#(rangeJSON),"newText":"y"}]},"#
            + #""documentChanges":[{"textDocument":{"uri":"file:///w/a.moltres","version":2},"#
            + #""edits":[{"range":\#(rangeJSON),"newText":"z"}]}]}"#)
}

@Test func diagnostics() throws {
    let diagnostic = Diagnostic(
        range: range, severity: .error, code: "MOL2001", codeDescription: CodeDescription(href: "https://x/MOL2001"),
        source: "moltres", message: "unknown column", tags: [.unnecessary],
        relatedInformation: [DiagnosticRelatedInformation(location: Location(uri: uri, range: range), message: "here")],
        data: ["fix": "amount"])
    try check(
        diagnostic,
        #"{"range":\#(rangeJSON),"severity":1,"code":"MOL2001","codeDescription":{"href":"https://x/MOL2001"},"#
            + #""source":"moltres","message":"unknown column","tags":[1],"relatedInformation":[{"location":"#
            + #"{"uri":"file:///w/a.moltres","range":\#(rangeJSON)},"message":"here"}],"data":{"fix":"amount"}}"#)
    try check(Diagnostic(range: range, code: 42, message: "m"), #"{"range":\#(rangeJSON),"code":42,"message":"m"}"#)
    try check(
        PublishDiagnosticsParams(uri: uri, version: 7, diagnostics: []),
        #"{"uri":"file:///w/a.moltres","version":7,"diagnostics":[]}"#)
}

@Test func completion() throws {
    try check(
        CompletionParams(
            textDocument: TextDocumentIdentifier(uri: uri), position: Position(line: 0, character: 3),
            context: CompletionContext(triggerKind: .triggerCharacter, triggerCharacter: ".")),
        #"{"textDocument":{"uri":"file:///w/a.moltres"},"position":{"line":0,"character":3},"#
            + #""context":{"triggerKind":2,"triggerCharacter":"."}}"#)
    let item = CompletionItem(
        label: "select", labelDetails: CompletionItemLabelDetails(detail: "(*columns)", description: "DataFrame"),
        kind: .method, tags: [.deprecated], detail: "DataFrame.select",
        documentation: .markupContent(MarkupContent(kind: .markdown, value: "**Select**")), preselect: true,
        sortText: "a", filterText: "select", insertText: "select($1)", insertTextFormat: .snippet,
        textEdit: TextEdit(range: range, newText: "select($1)"), additionalTextEdits: [],
        commitCharacters: ["("], command: Command(title: "t", command: "c"), data: 1)
    try check(
        item,
        #"{"label":"select","labelDetails":{"detail":"(*columns)","description":"DataFrame"},"kind":2,"tags":[1],"#
            + #""detail":"DataFrame.select","documentation":{"kind":"markdown","value":"**Select**"},"preselect":true,"#
            + #""sortText":"a","filterText":"select","insertText":"select($1)","insertTextFormat":2,"#
            + #""textEdit":{"range":\#(rangeJSON),"newText":"select($1)"},"additionalTextEdits":[],"#
            + #""commitCharacters":["("],"command":{"title":"t","command":"c"},"data":1}"#)
    try check(
        CompletionList(isIncomplete: false, items: [CompletionItem(label: "a", documentation: .string("doc"))]),
        #"{"isIncomplete":false,"items":[{"label":"a","documentation":"doc"}]}"#)
    #expect(CompletionItemKind.typeParameter.rawValue == 25)
    #expect(SymbolKind.typeParameter.rawValue == 26)
    // Values from newer clients still decode.
    try check(CompletionItemKind(rawValue: 99), "99")
}

@Test func hoverSignatureSymbols() throws {
    try check(
        Hover(contents: MarkupContent(kind: .markdown, value: "```sql\nSELECT 1\n```"), range: range),
        #"{"contents":{"kind":"markdown","value":"```sql\nSELECT 1\n```"},"range":\#(rangeJSON)}"#)
    try check(
        SignatureHelp(
            signatures: [
                SignatureInformation(
                    label: "col(name)", documentation: .string("A column"),
                    parameters: [ParameterInformation(label: "name")], activeParameter: 0)
            ], activeSignature: 0, activeParameter: 0),
        #"{"signatures":[{"label":"col(name)","documentation":"A column","parameters":[{"label":"name"}],"#
            + #""activeParameter":0}],"activeSignature":0,"activeParameter":0}"#)
    try check(
        SignatureHelpParams(
            textDocument: TextDocumentIdentifier(uri: uri), position: Position(line: 0, character: 0),
            context: SignatureHelpContext(triggerKind: .invoked, isRetrigger: false)),
        #"{"textDocument":{"uri":"file:///w/a.moltres"},"position":{"line":0,"character":0},"#
            + #""context":{"triggerKind":1,"isRetrigger":false}}"#)
    try check(
        DocumentSymbol(
            name: "orders", detail: "DataFrame", kind: .variable, range: range, selectionRange: range,
            children: [DocumentSymbol(name: "c", kind: .field, range: range, selectionRange: range)]),
        #"{"name":"orders","detail":"DataFrame","kind":13,"range":\#(rangeJSON),"selectionRange":\#(rangeJSON),"#
            + #""children":[{"name":"c","kind":8,"range":\#(rangeJSON),"selectionRange":\#(rangeJSON)}]}"#)
    try check(SemanticTokens(data: [0, 1, 2, 3, 0]), #"{"data":[0,1,2,3,0]}"#)
    try check(
        SemanticTokensOptions(legend: SemanticTokensLegend(tokenTypes: ["variable"], tokenModifiers: []), full: true),
        #"{"legend":{"tokenTypes":["variable"],"tokenModifiers":[]},"full":true}"#)
    try check(
        SemanticTokensOptions(
            legend: SemanticTokensLegend(tokenTypes: [], tokenModifiers: []), range: true, full: .delta(true)),
        #"{"legend":{"tokenTypes":[],"tokenModifiers":[]},"range":true,"full":{"delta":true}}"#)
    try check(
        SemanticTokensDeltaResult.delta(
            SemanticTokensDelta(
                resultId: "2", edits: [SemanticTokensEdit(start: 5, deleteCount: 5, data: [0, 1, 3, 1, 0])])),
        #"{"resultId":"2","edits":[{"start":5,"deleteCount":5,"data":[0,1,3,1,0]}]}"#)
    try check(SemanticTokensDeltaResult.full(SemanticTokens(resultId: "3", data: [])), #"{"resultId":"3","data":[]}"#)
    try check(
        SemanticTokensDeltaParams(textDocument: TextDocumentIdentifier(uri: "file:///a"), previousResultId: "1"),
        #"{"textDocument":{"uri":"file:///a"},"previousResultId":"1"}"#)
    try check(
        FoldingRange(startLine: 1, endLine: 4, kind: .region), #"{"startLine":1,"endLine":4,"kind":"region"}"#)
}

@Test func editsLensesActionsHints() throws {
    try check(
        DocumentFormattingParams(
            textDocument: TextDocumentIdentifier(uri: uri), options: FormattingOptions(tabSize: 4, insertSpaces: true)),
        #"{"textDocument":{"uri":"file:///w/a.moltres"},"options":{"tabSize":4,"insertSpaces":true}}"#)
    try check(
        CodeLens(range: range, command: Command(title: "Run", command: "moltres.runQuery", arguments: [["uri": "u"]])),
        #"{"range":\#(rangeJSON),"command":{"title":"Run","command":"moltres.runQuery","arguments":[{"uri":"u"}]}}"#)
    let action = CodeAction(
        title: "Replace with amount", kind: .quickFix, isPreferred: true,
        edit: WorkspaceEdit(changes: [uri: [TextEdit(range: range, newText: "amount")]]))
    try check(
        [CommandOrCodeAction.codeAction(action), .command(Command(title: "Run", command: "moltres.runQuery"))],
        #"[{"title":"Replace with amount","kind":"quickfix","isPreferred":true,"edit":{"changes":"#
            + #"{"file:///w/a.moltres":[{"range":\#(rangeJSON),"newText":"amount"}]}}},"#
            + #"{"title":"Run","command":"moltres.runQuery"}]"#)
    try check(
        CodeActionParams(
            textDocument: TextDocumentIdentifier(uri: uri), range: range,
            context: CodeActionContext(diagnostics: [], only: [.quickFix])),
        #"{"textDocument":{"uri":"file:///w/a.moltres"},"range":\#(rangeJSON),"#
            + #""context":{"diagnostics":[],"only":["quickfix"]}}"#)
    try check(
        InlayHint(
            position: Position(line: 2, character: 9), label: .string(": id, total"), kind: .type, paddingLeft: true),
        #"{"position":{"line":2,"character":9},"label":": id, total","kind":1,"paddingLeft":true}"#)
    try check(
        InlayHint(
            position: Position(line: 0, character: 0),
            label: .parts([InlayHintLabelPart(value: "id", location: Location(uri: uri, range: range))])),
        #"{"position":{"line":0,"character":0},"label":[{"value":"id","location":"#
            + #"{"uri":"file:///w/a.moltres","range":\#(rangeJSON)}}]}"#)
    try check(
        ReferenceParams(
            textDocument: TextDocumentIdentifier(uri: uri), position: Position(line: 0, character: 0),
            context: ReferenceContext(includeDeclaration: true)),
        #"{"textDocument":{"uri":"file:///w/a.moltres"},"position":{"line":0,"character":0},"#
            + #""context":{"includeDeclaration":true}}"#)
    try check(
        RenameParams(
            textDocument: TextDocumentIdentifier(uri: uri), position: Position(line: 0, character: 0), newName: "b"),
        #"{"textDocument":{"uri":"file:///w/a.moltres"},"position":{"line":0,"character":0},"newName":"b"}"#)
    try check(PrepareRenameResult(range: range, placeholder: "a"), #"{"range":\#(rangeJSON),"placeholder":"a"}"#)
}

@Test func lifecycleAndWindow() throws {
    let initialize =
        #"{"processId":12,"clientInfo":{"name":"nvim"},"rootUri":"file:///w","#
        + #""initializationOptions":{"rowLimit":100},"capabilities":{"workspace":{"didChangeConfiguration":"#
        + #"{"dynamicRegistration":true},"workspaceFolders":true,"configuration":true},"textDocument":"#
        + #"{"completion":{"completionItem":{"snippetSupport":true}},"hover":{"contentFormat":["markdown","plaintext"]}},"#
        + #""window":{"workDoneProgress":true},"general":{"positionEncodings":["utf-8","utf-16"]}},"#
        + #""workspaceFolders":[{"uri":"file:///w","name":"w"}]}"#
    let params = try JSONValueDecoder().decode(InitializeParams.self, from: JSONValue(parsing: initialize))
    #expect(params.capabilities.general?.positionEncodings == [.utf8, .utf16])
    #expect(params.capabilities.textDocument?.completion?.completionItem?.snippetSupport == true)
    #expect(params.capabilities.textDocument?.hover?.contentFormat == [.markdown, .plaintext])
    #expect(params.capabilities.window?.workDoneProgress == true)
    #expect(params.capabilities.workspace?.configuration == true)
    #expect(params.initializationOptions?["rowLimit"] == 100)
    try check(params, initialize)

    let capabilities = ServerCapabilities(
        positionEncoding: .utf16,
        textDocumentSync: TextDocumentSyncOptions(
            openClose: true, change: .incremental, save: SaveOptions(includeText: false)),
        completionProvider: CompletionOptions(triggerCharacters: [".", "\""], resolveProvider: true),
        hoverProvider: true, signatureHelpProvider: SignatureHelpOptions(triggerCharacters: ["(", ","]),
        definitionProvider: true, referencesProvider: true, documentSymbolProvider: true,
        codeActionProvider: CodeActionOptions(codeActionKinds: [.quickFix]), codeLensProvider: CodeLensOptions(),
        documentFormattingProvider: true, renameProvider: RenameOptions(prepareProvider: true),
        foldingRangeProvider: true,
        executeCommandProvider: ExecuteCommandOptions(commands: ["moltres.runQuery"]),
        semanticTokensProvider: SemanticTokensOptions(
            legend: SemanticTokensLegend(tokenTypes: ["function"], tokenModifiers: ["readonly"]), full: true),
        inlayHintProvider: true,
        workspace: WorkspaceServerCapabilities(
            workspaceFolders: WorkspaceFoldersServerCapabilities(supported: true, changeNotifications: true)))
    try check(
        InitializeResult(capabilities: capabilities, serverInfo: ServerInfo(name: "moltres", version: "0.1")),
        #"{"capabilities":{"positionEncoding":"utf-16","textDocumentSync":{"openClose":true,"change":2,"#
            + #""save":{"includeText":false}},"completionProvider":{"triggerCharacters":[".","\""],"#
            + #""resolveProvider":true},"hoverProvider":true,"signatureHelpProvider":{"triggerCharacters":["(",","]},"#
            + #""definitionProvider":true,"referencesProvider":true,"documentSymbolProvider":true,"#
            + #""codeActionProvider":{"codeActionKinds":["quickfix"]},"codeLensProvider":{},"#
            + #""documentFormattingProvider":true,"renameProvider":{"prepareProvider":true},"foldingRangeProvider":true,"#
            + #""executeCommandProvider":{"commands":["moltres.runQuery"]},"semanticTokensProvider":{"legend":"#
            + #"{"tokenTypes":["function"],"tokenModifiers":["readonly"]},"full":true},"inlayHintProvider":true,"#
            + #""workspace":{"workspaceFolders":{"supported":true,"changeNotifications":true}}},"#
            + #""serverInfo":{"name":"moltres","version":"0.1"}}"#)
    try check(
        ExecuteCommandParams(command: "moltres.showSQL", arguments: [["dialect": "postgres"]]),
        #"{"command":"moltres.showSQL","arguments":[{"dialect":"postgres"}]}"#)
    try check(LogMessageParams(type: .info, message: "hi"), #"{"type":3,"message":"hi"}"#)
    try check(ShowMessageParams(type: .error, message: "no"), #"{"type":1,"message":"no"}"#)
    try check(
        ShowMessageRequestParams(type: .warning, message: "Run DELETE?", actions: [MessageActionItem(title: "Run")]),
        #"{"type":2,"message":"Run DELETE?","actions":[{"title":"Run"}]}"#)
    try check(WorkDoneProgressCreateParams(token: "schema"), #"{"token":"schema"}"#)
    try check(
        RegistrationParams(registrations: [
            Registration(
                id: "watch", method: "workspace/didChangeWatchedFiles",
                registerOptions: try JSONValueEncoder().encode(
                    DidChangeWatchedFilesRegistrationOptions(watchers: [
                        FileSystemWatcher(globPattern: "**/moltres.toml")
                    ])))
        ]),
        #"{"registrations":[{"id":"watch","method":"workspace/didChangeWatchedFiles","registerOptions":{"watchers":[{"globPattern":"**/moltres.toml"}]}}]}"#
    )
    try check(
        ProgressParams(
            token: 1, value: .begin(WorkDoneProgressBegin(title: "Loading schema", cancellable: false, percentage: 0))),
        #"{"token":1,"value":{"kind":"begin","title":"Loading schema","cancellable":false,"percentage":0}}"#)
    try check(
        ProgressParams(token: "t", value: .report(WorkDoneProgressReport(message: "3/10", percentage: 30))),
        #"{"token":"t","value":{"kind":"report","message":"3/10","percentage":30}}"#)
    try check(ProgressParams(token: "t", value: .end(WorkDoneProgressEnd())), #"{"token":"t","value":{"kind":"end"}}"#)
    try check(CancelParams(id: .integer(4)), #"{"id":4}"#)
    try check(CancelParams(id: .string("x")), #"{"id":"x"}"#)
    try check(SetTraceParams(value: .verbose), #"{"value":"verbose"}"#)
    try check(LogTraceParams(message: "m"), #"{"message":"m"}"#)
    try check(InitializedParams(), "{}")
    try check(LSPNull(), "null")
}

@Test func documentAndWorkspaceNotifications() throws {
    try check(
        DidOpenTextDocumentParams(
            textDocument: TextDocumentItem(uri: uri, languageId: "moltres", version: 0, text: "")),
        #"{"textDocument":{"uri":"file:///w/a.moltres","languageId":"moltres","version":0,"text":""}}"#)
    try check(
        DidChangeTextDocumentParams(
            textDocument: VersionedTextDocumentIdentifier(uri: uri, version: 2),
            contentChanges: [
                TextDocumentContentChangeEvent(range: range, text: "x"), TextDocumentContentChangeEvent(text: "all"),
            ]),
        #"{"textDocument":{"uri":"file:///w/a.moltres","version":2},"contentChanges":[{"range":\#(rangeJSON),"text":"x"},"#
            + #"{"text":"all"}]}"#)
    try check(
        DidCloseTextDocumentParams(textDocument: TextDocumentIdentifier(uri: uri)),
        #"{"textDocument":{"uri":"file:///w/a.moltres"}}"#)
    try check(
        DidSaveTextDocumentParams(textDocument: TextDocumentIdentifier(uri: uri), text: "t"),
        #"{"textDocument":{"uri":"file:///w/a.moltres"},"text":"t"}"#)
    try check(
        DidChangeConfigurationParams(settings: ["moltres": ["rowLimit": 5]]),
        #"{"settings":{"moltres":{"rowLimit":5}}}"#)
    try check(
        DidChangeWatchedFilesParams(changes: [FileEvent(uri: "file:///w/moltres.toml", type: .changed)]),
        #"{"changes":[{"uri":"file:///w/moltres.toml","type":2}]}"#)
    try check(
        ConfigurationParams(items: [ConfigurationItem(section: "moltres")]), #"{"items":[{"section":"moltres"}]}"#)
}

@Test func decodingErrorsNameThePath() throws {
    let bad = try JSONValue(parsing: #"{"textDocument":{"uri":5},"position":{"line":0,"character":0}}"#)
    #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(HoverParams.self, from: bad) }
    do {
        _ = try JSONValueDecoder().decode(HoverParams.self, from: bad)
    } catch {
        #expect(describeDecodingError(error) == "textDocument.uri: expected a string, found number")
        #expect(ResponseError.invalidParams(error).code == -32602)
    }
    let missing = try JSONValue(parsing: #"{"textDocument":{"uri":"u"},"position":{"line":0}}"#)
    do {
        _ = try JSONValueDecoder().decode(HoverParams.self, from: missing)
        Issue.record("decoded")
    } catch {
        #expect(describeDecodingError(error) == "position.character: required field is missing")
    }
    let badElement = try JSONValue(parsing: #"{"changes":[{"uri":"u","type":1},{"uri":"u","type":"x"}]}"#)
    do {
        _ = try JSONValueDecoder().decode(DidChangeWatchedFilesParams.self, from: badElement)
        Issue.record("decoded")
    } catch {
        #expect(describeDecodingError(error) == "changes[1].type: expected an integer, found string")
    }
}

@Test func messagesAreListedOnceWithDistinctMethods() {
    #expect(lspVersion == "3.17")
    #expect(Messages.requests.count == 24)
    #expect(Messages.notifications.count == 15)
    #expect(Set(Messages.requests.map { $0.method }).count == Messages.requests.count)
    #expect(Set(Messages.notifications.map { $0.method }).count == Messages.notifications.count)
    #expect(Messages.requestsByMethod["textDocument/hover"] == HoverRequest.self)
    #expect(Messages.notificationsByMethod["$/cancelRequest"] == CancelRequestNotification.self)
    #expect(HoverRequest.method == "textDocument/hover")
    #expect(SemanticTokensFullRequest.method == "textDocument/semanticTokens/full")
    #expect(SemanticTokensRangeRequest.method == "textDocument/semanticTokens/range")
    #expect(SemanticTokensDeltaRequest.method == "textDocument/semanticTokens/full/delta")
    #expect(WorkDoneProgressCreateRequest.method == "window/workDoneProgress/create")
    #expect(Messages.requestsByMethod["client/registerCapability"] == RegistrationRequest.self)
}

@Test func documentRequestParams() throws {
    let document = TextDocumentIdentifier(uri: uri)
    let documentJSON = #"{"textDocument":{"uri":"file:///w/a.moltres"}}"#
    let positionJSON = #"{"textDocument":{"uri":"file:///w/a.moltres"},"position":{"line":2,"character":3}}"#
    let position = Position(line: 2, character: 3)
    try check(DefinitionParams(textDocument: document, position: position), positionJSON)
    try check(HoverParams(textDocument: document, position: position), positionJSON)
    try check(PrepareRenameParams(textDocument: document, position: position), positionJSON)
    try check(DocumentSymbolParams(textDocument: document), documentJSON)
    try check(SemanticTokensParams(textDocument: document), documentJSON)
    try check(FoldingRangeParams(textDocument: document), documentJSON)
    try check(CodeLensParams(textDocument: document), documentJSON)
    try check(
        InlayHintParams(textDocument: document, range: range),
        #"{"textDocument":{"uri":"file:///w/a.moltres"},"range":\#(rangeJSON)}"#)
    // Every text document request's parameters expose the document the same way.
    let params: [any TextDocumentParams] = [
        DefinitionParams(textDocument: document, position: position), DocumentSymbolParams(textDocument: document),
    ]
    #expect(params.allSatisfy { $0.textDocument == document })
}

@Test func clientCapabilitiesBuiltInCode() throws {
    let capabilities = ClientCapabilities(
        workspace: WorkspaceClientCapabilities(
            applyEdit: true,
            didChangeConfiguration: DidChangeConfigurationClientCapabilities(dynamicRegistration: false),
            didChangeWatchedFiles: DidChangeWatchedFilesClientCapabilities(relativePatternSupport: true),
            workspaceFolders: true, configuration: true),
        textDocument: TextDocumentClientCapabilities(
            completion: CompletionClientCapabilities(
                completionItem: CompletionItemClientCapabilities(
                    snippetSupport: true, documentationFormat: [.markdown], labelDetailsSupport: true),
                contextSupport: true),
            hover: HoverClientCapabilities(contentFormat: [.plaintext])),
        window: WindowClientCapabilities(workDoneProgress: false),
        general: GeneralClientCapabilities(positionEncodings: [.utf32]))
    try check(
        InitializeParams(
            processId: nil, clientInfo: ClientInfo(name: "test", version: "1"), locale: "en", rootPath: "/w",
            rootUri: "file:///w", initializationOptions: nil, capabilities: capabilities, trace: .off,
            workspaceFolders: [WorkspaceFolder(uri: "file:///w", name: "w")]),
        #"{"clientInfo":{"name":"test","version":"1"},"locale":"en","rootPath":"/w","rootUri":"file:///w","#
            + #""capabilities":{"workspace":{"applyEdit":true,"didChangeConfiguration":{"dynamicRegistration":false},"#
            + #""didChangeWatchedFiles":{"relativePatternSupport":true},"workspaceFolders":true,"configuration":true},"#
            + #""textDocument":{"completion":{"completionItem":{"snippetSupport":true,"documentationFormat":["markdown"],"#
            + #""labelDetailsSupport":true},"contextSupport":true},"hover":{"contentFormat":["plaintext"]}},"#
            + #""window":{"workDoneProgress":false},"general":{"positionEncodings":["utf-32"]}},"trace":"off","#
            + #""workspaceFolders":[{"uri":"file:///w","name":"w"}]}"#)
}

/// A hand-written Codable type that uses nested and super coders, as some LSP unions do.
private struct Nested: Codable, Equatable {
    var name: String
    var pairs: [[Int]]
    var inner: [String: Int]

    enum Keys: String, CodingKey { case name, pairs, inner, parent }

    init(name: String, pairs: [[Int]], inner: [String: Int]) {
        self.name = name
        self.pairs = pairs
        self.inner = inner
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        var pairs = try container.nestedUnkeyedContainer(forKey: .pairs)
        var result: [[Int]] = []
        while !pairs.isAtEnd {
            var pair = try pairs.nestedUnkeyedContainer()
            result.append([try pair.decode(Int.self), try pair.decode(Int.self)])
        }
        let inner = try container.nestedContainer(keyedBy: StringKey.self, forKey: .inner)
        var dictionary: [String: Int] = [:]
        for key in inner.allKeys { dictionary[key.stringValue] = try inner.decode(Int.self, forKey: key) }
        let parent = try container.superDecoder(forKey: .parent)
        name = try parent.singleValueContainer().decode(String.self)
        self.pairs = result
        self.inner = dictionary
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        var pairs = container.nestedUnkeyedContainer(forKey: .pairs)
        for pair in self.pairs {
            var nested = pairs.nestedUnkeyedContainer()
            for number in pair { try nested.encode(number) }
        }
        var inner = container.nestedContainer(keyedBy: StringKey.self, forKey: .inner)
        for (key, value) in self.inner.sorted(by: { $0.key < $1.key }) {
            try inner.encode(value, forKey: StringKey(key))
        }
        var parent = container.superEncoder(forKey: .parent).singleValueContainer()
        try parent.encode(name)
    }
}

@Test func nestedContainersRoundTrip() throws {
    try check(
        Nested(name: "n", pairs: [[1, 2], [3, 4]], inner: ["a": 1, "b": 2]),
        #"{"pairs":[[1,2],[3,4]],"inner":{"a":1,"b":2},"parent":"n"}"#)
    let shortPair = try JSONValue(parsing: #"{"pairs":[[1]],"inner":{},"parent":"n"}"#)
    do {
        _ = try JSONValueDecoder().decode(Nested.self, from: shortPair)
        Issue.record("decoded")
    } catch {
        #expect(describeDecodingError(error) == "pairs[0][1]: array has too few elements")
    }
}
