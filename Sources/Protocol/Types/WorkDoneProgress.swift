/// The value of a work-done `$/progress` notification, told apart by its `kind` member.
public enum WorkDoneProgress: Codable, Sendable, Hashable {
    /// `kind: "begin"`.
    case begin(WorkDoneProgressBegin)
    /// `kind: "report"`.
    case report(WorkDoneProgressReport)
    /// `kind: "end"`.
    case end(WorkDoneProgressEnd)

    private enum CodingKeys: String, CodingKey { case kind }

    /// Decodes by `kind`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "begin": self = .begin(try WorkDoneProgressBegin(from: decoder))
        case "report": self = .report(try WorkDoneProgressReport(from: decoder))
        case "end": self = .end(try WorkDoneProgressEnd(from: decoder))
        default:
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath + [CodingKeys.kind],
                    debugDescription: "expected begin, report or end, found \(kind)"))
        }
    }

    /// Encodes `kind` first, then the members of the payload.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .begin(let begin):
            try container.encode("begin", forKey: .kind)
            try begin.encode(to: encoder)
        case .report(let report):
            try container.encode("report", forKey: .kind)
            try report.encode(to: encoder)
        case .end(let end):
            try container.encode("end", forKey: .kind)
            try end.encode(to: encoder)
        }
    }
}
