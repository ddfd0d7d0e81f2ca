import ArgumentParser

/// The `maitre` command: the booking service on stdin/stdout, and tools around it.
@main
struct Maitre: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maitre",
        abstract: "Restaurant table assignment and seating optimization.",
        version: "0.1.0",
        subcommands: [Serve.self, Check.self, Export.self, Optimum.self],
        defaultSubcommand: Serve.self)
}
