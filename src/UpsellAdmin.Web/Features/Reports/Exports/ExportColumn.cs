namespace UpsellAdmin.Web.Features.Reports.Exports;

/// <summary>What a column holds, which decides how CSV writes it and which Excel type and number format the cell gets.</summary>
public enum ExportType
{
    /// <summary>Text (CSV: guarded against formula injection; Excel: a string cell).</summary>
    Text,
    /// <summary>A whole number (int, long).</summary>
    WholeNumber,
    /// <summary>A decimal number, invariant culture ("1234.5").</summary>
    Number,
    /// <summary>An amount of money: a number with two decimals (Excel "#,##0.00"); its currency is another column.</summary>
    Money,
    /// <summary>A fraction 0–1 (CSV "0.4567"; Excel shown as "45.7%").</summary>
    Percent,
    /// <summary>A day (DateOnly or DateTime): CSV yyyy-MM-dd, Excel a real date.</summary>
    Date,
    /// <summary>A moment (DateTime or DateTimeOffset, written as its clock time): CSV yyyy-MM-dd HH:mm:ss, Excel a real date-time.</summary>
    DateTime,
}

/// <summary>One column of an export: its header, its type and how a row gives its value (null = an empty cell).</summary>
public sealed record ExportColumn<T>(string Header, ExportType Type, Func<T, object?> Value)
{
    /// <summary>Excel column width in characters (null: MiniExcel's default).</summary>
    public double? Width { get; init; }
}

/// <summary>Short ways to declare columns: <c>ExportColumn.Text&lt;Row&gt;("Code", r =&gt; r.Code)</c>.</summary>
public static class ExportColumn
{
    public static ExportColumn<T> Text<T>(string header, Func<T, string?> value, double? width = null) => new(header, ExportType.Text, r => value(r)) { Width = width };

    public static ExportColumn<T> WholeNumber<T>(string header, Func<T, long?> value) => new(header, ExportType.WholeNumber, r => value(r));

    public static ExportColumn<T> Number<T>(string header, Func<T, decimal?> value) => new(header, ExportType.Number, r => value(r));

    public static ExportColumn<T> Money<T>(string header, Func<T, decimal?> value) => new(header, ExportType.Money, r => value(r)) { Width = 14 };

    public static ExportColumn<T> Percent<T>(string header, Func<T, decimal?> value) => new(header, ExportType.Percent, r => value(r));

    public static ExportColumn<T> Date<T>(string header, Func<T, DateOnly?> value) => new(header, ExportType.Date, r => value(r)) { Width = 12 };

    public static ExportColumn<T> DateTime<T>(string header, Func<T, System.DateTime?> value) => new(header, ExportType.DateTime, r => value(r)) { Width = 20 };
}

/// <summary>One sheet of a workbook: its name, columns and rows (see <see cref="TabularExport.WriteXlsxAsync(Stream, IReadOnlyList{ExportSheet}, CancellationToken)"/>).</summary>
public abstract class ExportSheet
{
    private protected ExportSheet(string name) => Name = name;

    public string Name { get; }

    public static ExportSheet Create<T>(string name, IReadOnlyList<ExportColumn<T>> columns, IAsyncEnumerable<T> rows) => new ExportSheet<T>(name, columns, rows);

    internal abstract IReadOnlyList<(string Header, ExportType Type, double? Width)> Headers { get; }

    /// <summary>The rows as cell values, one array per row, in column order.</summary>
    internal abstract IAsyncEnumerable<object?[]> CellsAsync(CancellationToken cancellationToken);
}

internal sealed class ExportSheet<T>(string name, IReadOnlyList<ExportColumn<T>> columns, IAsyncEnumerable<T> rows) : ExportSheet(name)
{
    internal override IReadOnlyList<(string Header, ExportType Type, double? Width)> Headers => columns.Select(c => (c.Header, c.Type, c.Width)).ToList();

    internal override async IAsyncEnumerable<object?[]> CellsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var cells = new object?[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                cells[i] = columns[i].Value(row);
            }
            yield return cells;
        }
    }
}
