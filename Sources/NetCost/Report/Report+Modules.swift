// netcost — Apache-2.0

extension Report {
  /// The layers rolled up by dotted-name prefix up to `depth` components,
  /// in the order each module first runs: at depth 1 ResNet's
  /// `layer1.0.conv1` counts under `layer1`, and `fc` stays `fc`.
  public func modules(depth: Int) -> [ModuleSummary] {
    var position: [Substring: Int] = [:]
    var out: [ModuleSummary] = []
    for l in layers {
      var end = l.name.endIndex
      var seen = 0
      var i = l.name.startIndex
      while i < l.name.endIndex {
        if l.name[i] == "." {
          seen += 1
          if seen == max(depth, 1) {
            end = i
            break
          }
        }
        i = l.name.index(after: i)
      }
      let key = l.name[..<end]
      if let k = position[key] {
        out[k].layerCount += 1
        out[k].lastIndex = l.index
        out[k].cost.params += l.cost.params
        out[k].cost.buffers += l.cost.buffers
        out[k].cost.macs += l.cost.macs
        out[k].cost.flops += l.cost.flops
        out[k].activationBytes += l.activationBytes
        out[k].bytesRead &+= l.workload.bytesRead
        out[k].bytesWritten += l.workload.bytesWritten
      } else {
        position[key] = out.count
        out.append(
          ModuleSummary(
            name: String(key), layerCount: 1, firstIndex: l.index, lastIndex: l.index, cost: l.cost,
            activationBytes: l.activationBytes, bytesRead: l.workload.bytesRead,
            bytesWritten: l.workload.bytesWritten))
      }
    }
    return out
  }

  /// The report as a document with its layers rolled up to `depth` (see
  /// ``modules(depth:)``): the text, Markdown and CSV forms show one row per
  /// module; the JSON form keeps `layers` and adds `depth` and `modules`.
  public func document(depth: Int) -> Document {
    var d = document
    let mods = modules(depth: depth)
    let rows: [[DocumentCell]] = mods.map { m in
      let last = layers[m.lastIndex]
      let single = m.layerCount == 1 && last.name == m.name
      var r = layerCells(at: m.lastIndex)
      r[LayerCell.name] = .text(m.name)
      r[LayerCell.type] = .text(single ? last.type : "module")
      r[LayerCell.inputs] = .names(layers[m.firstIndex].inputs)
      r[LayerCell.params] = .int(m.cost.params)
      r[LayerCell.buffers] = .int(m.cost.buffers)
      r[LayerCell.macs] = .int(m.cost.macs)
      r[LayerCell.flops] = .int(m.cost.flops)
      r[LayerCell.activation] = .int(m.activationBytes)
      r[LayerCell.note] = .absent
      r[LayerCell.bytesRead] = .int(m.bytesRead)
      r[LayerCell.bytesWritten] = .int(m.bytesWritten)
      r.append(.int(m.layerCount))
      return r
    }
    var columns = layerColumns().filter { $0.key != "note" && $0.key != "cost" }
    columns.insert(DocumentColumn("layers", "Layers", value: LayerCell.count, kind: .count), at: 2)
    d.tables.append(DocumentTable(key: "modules", columns: columns, rows: rows))
    d.blocks = d.blocks.map { b in
      if case .table(0) = b.content { return DocumentBlock(.table(1), media: b.media) }
      return b
    }
    d.csvTable = 1
    if case .object(var members) = d.json {
      members.append(DocumentMember("depth", .int(depth)))
      members.append(DocumentMember("modules", .table(1)))
      d.json = .object(members)
    }
    return d
  }
}
