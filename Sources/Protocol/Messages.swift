/// Every message type this module defines, listed once.
///
/// The connection's dispatch table and the round-trip tests read these lists; adding a message means adding a file
/// in `Requests/` or `Notifications/` and a line here.
public enum Messages {
    /// All request types, client to server and server to client.
    public static let requests: [any LSPRequest.Type] = [
        InitializeRequest.self,
        ShutdownRequest.self,
        CompletionRequest.self,
        CompletionItemResolveRequest.self,
        HoverRequest.self,
        SignatureHelpRequest.self,
        DefinitionRequest.self,
        ReferencesRequest.self,
        RenameRequest.self,
        PrepareRenameRequest.self,
        DocumentSymbolRequest.self,
        SemanticTokensFullRequest.self,
        SemanticTokensRangeRequest.self,
        SemanticTokensDeltaRequest.self,
        FoldingRangeRequest.self,
        DocumentFormattingRequest.self,
        CodeLensRequest.self,
        CodeActionRequest.self,
        InlayHintRequest.self,
        ExecuteCommandRequest.self,
        ShowMessageRequest.self,
        WorkDoneProgressCreateRequest.self,
        RegistrationRequest.self,
        ConfigurationRequest.self,
    ]

    /// All notification types, in both directions.
    public static let notifications: [any LSPNotification.Type] = [
        InitializedNotification.self,
        ExitNotification.self,
        DidOpenTextDocumentNotification.self,
        DidChangeTextDocumentNotification.self,
        DidCloseTextDocumentNotification.self,
        DidSaveTextDocumentNotification.self,
        DidChangeConfigurationNotification.self,
        DidChangeWatchedFilesNotification.self,
        PublishDiagnosticsNotification.self,
        LogMessageNotification.self,
        ShowMessageNotification.self,
        ProgressNotification.self,
        CancelRequestNotification.self,
        SetTraceNotification.self,
        LogTraceNotification.self,
    ]

    /// Request types by method name.
    public static let requestsByMethod: [String: any LSPRequest.Type] = Dictionary(
        uniqueKeysWithValues: requests.map { ($0.method, $0) })

    /// Notification types by method name.
    public static let notificationsByMethod: [String: any LSPNotification.Type] = Dictionary(
        uniqueKeysWithValues: notifications.map { ($0.method, $0) })
}
