#include "soundoff/csv.h"

#include <optional>

namespace soundoff {

std::size_t CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  return header.size();
}

Result<CsvTable> parse_csv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  CsvTable table;
  std::vector<std::string> record;
  std::string field;
  std::size_t line = 1, record_line = 1, record_number = 0;  // record 0 is the header
  std::size_t i = 0;
  auto where = [&] {
    return record_number == 0 ? std::string("the header (line 1)")
                              : "row " + std::to_string(record_number) + " (line " + std::to_string(record_line) + ")";
  };
  auto end_record = [&]() -> std::optional<Error> {
    record.push_back(std::move(field));
    field.clear();
    if (record_number == 0) {
      table.header = std::move(record);
    } else if (record.size() != table.header.size()) {
      return Error{"invalid_csv", "CSV " + where() + " has " + std::to_string(record.size()) +
                                      " fields; the header has " + std::to_string(table.header.size())};
    } else {
      table.rows.push_back(std::move(record));
      table.row_lines.push_back(record_line);
    }
    record.clear();
    ++record_number;
    return std::nullopt;
  };
  while (i < text.size()) {
    // At the start of a field.
    if (text[i] == '"') {
      ++i;
      while (true) {
        if (i >= text.size())
          return Error{"invalid_csv", "CSV " + where() + ": a quoted field is not closed before the end of input"};
        const char c = text[i];
        if (c == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (c == '\n') ++line;
        field.push_back(c);
        ++i;
      }
      if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
        return Error{"invalid_csv", "CSV " + where() + ", field " + std::to_string(record.size() + 1) +
                                        ": text after the closing quote (a quote inside a field must be doubled)"};
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
        if (text[i] == '"')
          return Error{"invalid_csv", "CSV " + where() + ", field " + std::to_string(record.size() + 1) +
                                          ": a quote inside an unquoted field"};
        field.push_back(text[i++]);
      }
    }
    if (i >= text.size()) break;
    if (text[i] == ',') {
      record.push_back(std::move(field));
      field.clear();
      ++i;
      continue;
    }
    // A line break ends the record.
    if (text[i] == '\r') ++i;
    if (i < text.size() && text[i] == '\n') ++i;
    ++line;
    if (auto e = end_record()) return *e;
    record_line = line;
  }
  if (!field.empty() || !record.empty()) {
    if (auto e = end_record()) return *e;
  }
  if (record_number == 0) return Error{"invalid_csv", "CSV input is empty: no header"};
  return table;
}

void append_csv_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out.push_back('"');
  for (const char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace soundoff
