import ArgumentParser
import Moltres

@main
struct MoltresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moltres",
        abstract: "The DataFrame layer for SQL: compile, check and run .moltres pipelines."
    )
}
