import Seating
import Testing

@Suite struct LayoutRulesTests {
    @Test func storedLayoutsAreHeldToInvariantsOnlyAndAdmissionToEveryRule() {
        let long = Layout(restaurant: "a restaurant with spaces", tables: [Table(id: String(repeating: "t", count: 80), max: 600)],
                          services: [Service(name: "d", first: 1080, last: 1260, maxParty: 900)])
        #expect(LayoutValidator.validate(long, rules: .admission).errors.map(\.path) == ["restaurant", "tables[0].id", "tables[0].max", "services[0].maxParty"])
        #expect(LayoutValidator.validate(long, rules: .invariants).errors.isEmpty)
        var broken = long
        broken.tables.append(broken.tables[0])
        broken.tables[0].min = 700
        #expect(LayoutValidator.validate(broken, rules: .invariants).errors.map(\.path) == ["tables[0].max", "tables[1].id"])
    }
}
