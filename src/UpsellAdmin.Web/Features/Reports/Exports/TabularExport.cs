using System.Globalization;
using System.Text;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace UpsellAdmin.Web.Features.Reports.Exports;

/// <summary>
/// Writes rows as CSV or Excel (.xlsx), streaming: the rows are read one at a time from an
/// <see cref="IAsyncEnumerable{T}"/> (a DB query's AsAsyncEnumerable, a paged read) and written as they come, so memory
/// does not grow with the number of rows.
/// <list type="bullet">
/// <item>CSV: RFC 4180 (comma, CRLF, a field with a comma, quote, CR or LF in quotes, quotes doubled), UTF-8 with a BOM
/// (Excel then reads accents right), a header row, numbers in the invariant culture ("1234.5"), dates yyyy-MM-dd and
/// moments yyyy-MM-dd HH:mm:ss. Formula injection: a text cell starting with = + - @ (or tab / CR) gets a leading
/// apostrophe, unless the text is a plain number ("-12.50"); number columns are never touched.</item>
/// <item>Excel: MiniExcel (no hand-written spreadsheet XML): dates and moments are real Excel dates, numbers and money
/// real numbers (money "#,##0.00", percentages "0.0%"), a header row, the header row frozen, an auto-filter. MiniExcel
/// writes synchronously and needs to finish the zip's directory at the end, so the workbook is written to a temporary
/// file (deleted on close) on a dedicated thread (at most <see cref="MaxConcurrentWorkbooks"/> builds at once) and then
/// copied to the output asynchronously.</item>
/// </list>
/// </summary>
public static class TabularExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const int CsvBufferChars = 32 * 1024;
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes the header row and every row as CSV to <paramref name="output"/> (left open).</summary>
    public static Task WriteCsvAsync<T>(Stream output, IReadOnlyList<ExportColumn<T>> columns, IAsyncEnumerable<T> rows, CancellationToken cancellationToken) =>
        WriteCsvAsync(output, columns, rows, byteOrderMark: true, cancellationToken);

    /// <summary>As above; <paramref name="byteOrderMark"/> false for machine readers (the API's CSV), which would read
    /// the BOM as part of the first header.</summary>
    public static async Task WriteCsvAsync<T>(Stream output, IReadOnlyList<ExportColumn<T>> columns, IAsyncEnumerable<T> rows, bool byteOrderMark,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        await using var writer = new StreamWriter(output, byteOrderMark ? Utf8WithBom : Utf8NoBom, CsvBufferChars, leaveOpen: true);
        var line = new StringBuilder(256);
        for (var i = 0; i < columns.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }
            AppendField(line, Guard(columns[i].Header));
        }
        line.Append("\r\n");
        await writer.WriteAsync(line, cancellationToken);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            line.Clear();
            for (var i = 0; i < columns.Count; i++)
            {
                if (i > 0)
                {
                    line.Append(',');
                }
                AppendField(line, CsvText(columns[i].Type, columns[i].Value(row)));
            }
            line.Append("\r\n");
            // Into the writer's buffer; it flushes to the stream asynchronously when full (a response body refuses sync writes).
            await writer.WriteAsync(line, cancellationToken);
        }
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>Writes one sheet (header row frozen) to <paramref name="output"/> (left open).</summary>
    public static Task WriteXlsxAsync<T>(Stream output, IReadOnlyList<ExportColumn<T>> columns, IAsyncEnumerable<T> rows, CancellationToken cancellationToken,
        string sheetName = "Data") =>
        WriteXlsxAsync(output, [ExportSheet.Create(sheetName, columns, rows)], cancellationToken);

    /// <summary>Writes a workbook of several sheets (e.g. the report's rows and its "Totals"), each with its frozen header row.</summary>
    public static Task WriteXlsxAsync(Stream output, IReadOnlyList<ExportSheet> sheets, CancellationToken cancellationToken) =>
        WriteXlsxAsync(output, sheets, Path.GetTempPath(), cancellationToken);

    /// <summary>At most this many workbooks are built at once (each holds a dedicated thread and a database read for
    /// its whole build); a further one waits for a slot, or for its request to be cancelled.</summary>
    public const int MaxConcurrentWorkbooks = 2;

    private static readonly SemaphoreSlim WorkbookSlots = new(MaxConcurrentWorkbooks, MaxConcurrentWorkbooks);

    /// <summary>Free workbook slots now (for tests).</summary>
    internal static int FreeWorkbookSlots => WorkbookSlots.CurrentCount;

    /// <summary>As above, the temporary file in <paramref name="tempDirectory"/> (tests give their own folder).</summary>
    internal static async Task WriteXlsxAsync(Stream output, IReadOnlyList<ExportSheet> sheets, string tempDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sheets);
        ArgumentException.ThrowIfNullOrEmpty(tempDirectory);
        var columns = new List<DynamicExcelColumn>();
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        for (var s = 0; s < sheets.Count; s++)
        {
            var headers = sheets[s].Headers;
            var keys = headers.Select((_, i) => $"s{s}c{i}").ToArray();
            columns.AddRange(headers.Select((h, i) => new DynamicExcelColumn(keys[i])
            {
                Name = h.Header,
                Format = ExcelFormat(h.Type),
                Width = h.Width ?? Math.Clamp(h.Header.Length + 4, 10, 40),
            }));
            values.Add(SheetName(sheets[s].Name, values.Keys), Rows(sheets[s], keys, cancellationToken));
        }
        var configuration = new OpenXmlConfiguration
        {
            DynamicColumns = [.. columns],
            FreezeRowCount = 1,
            AutoFilter = true,
            EnableWriteNullValueCell = false,
            FastMode = false,
        };
        // Waits (asynchronously, cancellable) while MaxConcurrentWorkbooks builds run.
        await WorkbookSlots.WaitAsync(cancellationToken);
        var path = Path.Combine(tempDirectory, $"upsell-export-{Guid.NewGuid():N}.xlsx");
        // Deleted when closed: after the copy, or when the build or the copy fails or is cancelled.
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        try
        {
            // MiniExcel writes synchronously and pulls the rows synchronously (blocking on each next row of the async
            // source for the whole database read): on a dedicated thread (LongRunning), not a thread-pool one.
            await Task.Factory.StartNew(() => MiniExcel.SaveAs(file, values, printHeader: true, excelType: ExcelType.XLSX, configuration: configuration),
                cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        finally
        {
            WorkbookSlots.Release();
        }
        file.Position = 0;
        await file.CopyToAsync(output, cancellationToken);
    }

    /// <summary>An attachment's Content-Disposition (ASCII file name, RFC 6266).</summary>
    public static string ContentDisposition(string fileName) =>
        new System.Net.Mime.ContentDisposition { FileName = fileName, DispositionType = "attachment" }.ToString();

    /// <summary>A file-name part made of letters, digits, '-' and '_' only (a property code, a grouping).</summary>
    public static string FileNamePart(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var part = new string(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
        return part.Length == 0 ? "all" : part;
    }

    /// <summary>The CSV text of a value (before quoting).</summary>
    internal static string CsvText(ExportType type, object? value) => value switch
    {
        null => "",
        string text => Guard(text),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime moment => moment.ToString(type == ExportType.Date ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset moment => moment.ToString(type == ExportType.Date ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        decimal number => type == ExportType.Money ? number.ToString("0.00", CultureInfo.InvariantCulture) : number.ToString(CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        float number => number.ToString("R", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => Guard(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => Guard(value.ToString() ?? ""),
    };

    /// <summary>A text that a spreadsheet would read as a formula gets a leading apostrophe (OWASP's CSV injection
    /// advice); a plain number such as "-12.50" is left as it is.</summary>
    internal static string Guard(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsPlainNumber(text) ? "'" + text : text;

    private static bool IsPlainNumber(string text) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);

    private static void AppendField(StringBuilder line, string text)
    {
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(text);
            return;
        }
        line.Append('"');
        foreach (var c in text)
        {
            if (c == '"')
            {
                line.Append('"');
            }
            line.Append(c);
        }
        line.Append('"');
    }

    private static string? ExcelFormat(ExportType type) => type switch
    {
        ExportType.Date => "yyyy-mm-dd",
        ExportType.DateTime => "yyyy-mm-dd hh:mm:ss",
        ExportType.Money => "#,##0.00",
        ExportType.Number => "0.00##",
        ExportType.Percent => "0.0%",
        ExportType.WholeNumber => "0",
        _ => null,
    };

    /// <summary>Excel's sheet-name rules: at most 31 characters, none of : \ / ? * [ ], unique.</summary>
    private static string SheetName(string name, IEnumerable<string> taken)
    {
        var clean = new string(name.Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' ? '-' : c).ToArray()).Trim();
        clean = clean.Length == 0 ? "Sheet" : clean[..Math.Min(clean.Length, 31)];
        var result = clean;
        for (var n = 2; taken.Contains(result, StringComparer.OrdinalIgnoreCase); n++)
        {
            result = $"{clean[..Math.Min(clean.Length, 27)]} ({n})";
        }
        return result;
    }

    private static IEnumerable<IDictionary<string, object?>> Rows(ExportSheet sheet, string[] keys, CancellationToken cancellationToken)
    {
        var types = sheet.Headers.Select(h => h.Type).ToArray();
        foreach (var cells in sheet.CellsAsync(cancellationToken).ToBlockingEnumerable(cancellationToken))
        {
            var row = new Dictionary<string, object?>(keys.Length, StringComparer.Ordinal);
            for (var i = 0; i < keys.Length; i++)
            {
                row[keys[i]] = ExcelValue(types[i], cells[i]);
            }
            yield return row;
        }
    }

    /// <summary>The cell as Excel should hold it: DateOnly and DateTimeOffset as DateTime (a real date), text guarded
    /// nowhere (a string cell is never a formula in .xlsx).</summary>
    private static object? ExcelValue(ExportType type, object? value) => value switch
    {
        null => null,
        DateOnly day => day.ToDateTime(TimeOnly.MinValue),
        DateTimeOffset moment => moment.DateTime,
        string text => text,
        decimal or int or long or double or DateTime => value,
        _ when type == ExportType.Text => Convert.ToString(value, CultureInfo.InvariantCulture),
        _ => value,
    };
}
