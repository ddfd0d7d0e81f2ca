import MaitreJSON
import SeatingService
import Testing

/// A sweep's variants: field paths into the scenario document, values as JSON or strings.
@Suite struct ScenarioVariantsTests {
    static let document = try! JSONParser.parse(Array("""
        {"name": "s", "layout": {"services": [{"name": "lunch"}, {"name": "dinner", "pacing": {"maxCovers": 30}}]},
         "reservations": {"flexibility": 30}}
        """.utf8))

    @Test func eachValueIsOneVariantWithThatFieldChanged() throws {
        let variants = try ScenarioVariants.vary(Self.document, "layout.services[1].pacing.maxCovers=36, 45")
        #expect(variants.map(\.name) == ["layout.services[1].pacing.maxCovers=36", "layout.services[1].pacing.maxCovers=45"])
        #expect(variants[1].document["layout"]?["services"]?.arrayValue?[1]["pacing"]?["maxCovers"] == .number("45"))
        #expect(variants[1].document["reservations"] == Self.document["reservations"], "nothing else changes")
        // Strings where the value is not JSON; a JSON array for values with commas; a new key in an existing object.
        let held = try ScenarioVariants.vary(Self.document, "layout.services[0].end=21:00")
        #expect(held[0].document["layout"]?["services"]?.arrayValue?[0]["end"] == .string("21:00"))
        let listed = try ScenarioVariants.vary(Self.document, "reservations.flexibility=[0, 60]")
        #expect(listed.map { $0.document["reservations"]?["flexibility"] } == [.number("0"), .number("60")])
    }

    @Test func aPathThatDoesNotExistIsNamed() {
        #expect(throws: ScenarioVariants.Failure(message: "--vary layout.services[5].pacing: layout.services[5] does not exist (layout.services has 2)")) {
            try ScenarioVariants.vary(Self.document, "layout.services[5].pacing=1")
        }
        #expect(throws: ScenarioVariants.Failure(message: "--vary layout.tables.x: layout.tables does not exist")) {
            try ScenarioVariants.vary(Self.document, "layout.tables.x=1")
        }
        #expect(throws: ScenarioVariants.Failure(message: "--vary name.first: name is a string, not an object")) {
            try ScenarioVariants.vary(Self.document, "name.first=1")
        }
        #expect(throws: ScenarioVariants.Failure.self) { try ScenarioVariants.vary(Self.document, "novalue") }
        #expect(throws: ScenarioVariants.Failure.self) { try ScenarioVariants.vary(Self.document, "layout.services[x]=1") }
    }
}
