using System.Text;

namespace MandelPS.Engine.Output;

/// <summary>RFC 4180 CSV: a header row, then records; quoted fields may hold commas, quotes and newlines.</summary>
public static class CsvReader
{
    public static List<Dictionary<string, string>> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var records = ReadRecords(reader).ToList();
        if (records.Count == 0)
        {
            return [];
        }

        // Export-Csv in Windows PowerShell 5.1 writes a "#TYPE ..." line first; skip it if present.
        var header = records[0].Count == 1 && records[0][0].StartsWith("#TYPE", StringComparison.Ordinal) ? 1 : 0;
        var names = records[header];
        return records.Skip(header + 1)
            .Where(r => r.Count > 1 || r[0].Length > 0)
            .Select(r => names.Select((name, i) => (name, value: i < r.Count ? r[i] : ""))
                .ToDictionary(p => p.name, p => p.value, StringComparer.OrdinalIgnoreCase))
            .ToList();
    }

    private static IEnumerable<List<string>> ReadRecords(TextReader reader)
    {
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (ch is '\n' or '\r')
            {
                if (ch == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                record.Add(field.ToString());
                field.Clear();
                yield return record;
                record = [];
            }
            else
            {
                field.Append(ch);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            yield return record;
        }
    }
}
