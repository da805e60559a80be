using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using MiniExcelLibs;
using UpsellAdmin.Web.Features.Reports.Exports;

namespace UpsellAdmin.Web.Tests.Features.Reports;

/// <summary>The CSV and .xlsx writer: RFC 4180 quoting, the formula-injection guard, invariant numbers and ISO dates,
/// real Excel types and a frozen header row (the sheet XML is only read, to assert), and streaming.</summary>
public sealed class ExportWriterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Row(string? Name, decimal Amount, DateOnly Day, DateTime At, int Count, decimal? Rate);

    private static readonly IReadOnlyList<ExportColumn<Row>> Columns =
    [
        ExportColumn.Text<Row>("Name", r => r.Name),
        ExportColumn.Money<Row>("Amount", r => r.Amount),
        ExportColumn.Date<Row>("Day", r => r.Day),
        ExportColumn.DateTime<Row>("At", r => r.At),
        ExportColumn.WholeNumber<Row>("Count", r => r.Count),
        ExportColumn.Percent<Row>("Rate", r => r.Rate),
    ];

    private static Row Sample(string? name, decimal amount = 12.5m) => new(name, amount, new DateOnly(2026, 11, 1), new DateTime(2026, 11, 1, 14, 5, 9), 3, 0.25m);

    private static async Task<string> CsvAsync(params Row[] rows)
    {
        using var stream = new MemoryStream();
        await TabularExport.WriteCsvAsync(stream, Columns, rows.ToAsyncEnumerable(), Ct);
        var bytes = stream.ToArray();
        Assert.True(bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), "UTF-8 BOM first, so Excel reads accents right");
        return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
    }

    [Fact]
    public async Task Csv_HasAHeaderRow_CrLfLines_InvariantNumbers_IsoDates()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE"); // a decimal comma must not leak into the file
        try
        {
            var csv = await CsvAsync(Sample("Éva Kovács", 1234.5m));
            Assert.Equal("Name,Amount,Day,At,Count,Rate\r\nÉva Kovács,1234.50,2026-11-01,2026-11-01 14:05:09,3,0.25\r\n", csv);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\rlf", "\"cr\rlf\"")]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    public async Task Csv_QuotesFieldsAsRfc4180Says(string name, string expected)
    {
        var csv = await CsvAsync(Sample(name));
        var line = csv.Split("\r\n")[1];
        Assert.Equal(expected + ",12.50,2026-11-01,2026-11-01 14:05:09,3,0.25", line);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+33 1 23", "'+33 1 23")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("-12.50", "-12.50")] // a negative number written as text stays a number
    [InlineData("a=b", "a=b")]
    public async Task Csv_GuardsTextAgainstFormulaInjection(string name, string expected)
    {
        var csv = await CsvAsync(Sample(name));
        Assert.StartsWith(expected + ",", csv.Split("\r\n")[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_NegativeAmountsStayNumbers_AndNullIsAnEmptyCell()
    {
        var csv = await CsvAsync(Sample(null, -40m) with { Rate = null });
        Assert.Equal(",-40.00,2026-11-01,2026-11-01 14:05:09,3,", csv.Split("\r\n")[1]);
    }

    [Fact]
    public async Task Csv_Streams_BytesReachTheStreamBeforeTheLastRowIsRead()
    {
        using var stream = new MemoryStream();
        long writtenWhenHalfRead = -1;
        async IAsyncEnumerable<Row> Rows()
        {
            for (var i = 0; i < 40_000; i++)
            {
                if (i == 20_000)
                {
                    writtenWhenHalfRead = stream.Length;
                }
                await Task.Yield();
                yield return Sample($"guest {i}");
            }
        }
        await TabularExport.WriteCsvAsync(stream, Columns, Rows(), Ct);
        Assert.True(writtenWhenHalfRead > 500_000, $"only {writtenWhenHalfRead} bytes written when half the rows were read: the rows are held, not streamed");
        Assert.Equal(40_002, Encoding.UTF8.GetString(stream.ToArray()).Split("\r\n").Length);
    }

    [Fact]
    public async Task Xlsx_OpensWithMiniExcel_HeaderRow_RealDatesAndNumbers_FrozenHeader()
    {
        using var stream = new MemoryStream();
        await TabularExport.WriteXlsxAsync(stream, Columns, new[] { Sample("=1+1", 1234.5m), Sample("Éva", -3m) }.ToAsyncEnumerable(), Ct, "Upsell Activity");

        stream.Position = 0;
        Assert.Equal(["Upsell Activity"], MiniExcel.GetSheetNames(stream));
        stream.Position = 0;
        var rows = MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["Name", "Amount", "Day", "At", "Count", "Rate"], rows[0].Keys);
        Assert.Equal("=1+1", rows[0]["Name"]); // a string cell: never a formula in .xlsx, kept as typed
        Assert.Equal(new DateTime(2026, 11, 1), Assert.IsType<DateTime>(rows[0]["Day"]));
        Assert.Equal(new DateTime(2026, 11, 1, 14, 5, 9), Assert.IsType<DateTime>(rows[0]["At"]));
        Assert.Equal(1234.5m, Convert.ToDecimal(Assert.IsType<double>(rows[0]["Amount"]), CultureInfo.InvariantCulture));
        Assert.Equal(-3m, Convert.ToDecimal(rows[1]["Amount"], CultureInfo.InvariantCulture));
        Assert.Equal(0.25, Assert.IsType<double>(rows[0]["Rate"]));

        // Assert only: the sheet's XML says the header row is frozen and the amount is a number with a money format.
        stream.Position = 0;
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        XNamespace x = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var sheet = XDocument.Load(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var pane = Assert.Single(sheet.Descendants(x + "pane"));
        Assert.Equal("frozen", (string?)pane.Attribute("state"));
        Assert.Equal("1", (string?)pane.Attribute("ySplit"));
        Assert.Equal("A2", (string?)pane.Attribute("topLeftCell"));
        var amount = sheet.Descendants(x + "c").Single(c => (string?)c.Attribute("r") == "B2");
        Assert.Null(amount.Attribute("t")); // a number, not text
        Assert.Equal("1234.5", amount.Element(x + "v")!.Value);
        var styles = XDocument.Load(zip.GetEntry("xl/styles.xml")!.Open());
        var xf = styles.Descendants(x + "cellXfs").Single().Elements(x + "xf").ElementAt(int.Parse((string)amount.Attribute("s")!, CultureInfo.InvariantCulture));
        var format = styles.Descendants(x + "numFmt").Single(f => (string?)f.Attribute("numFmtId") == (string?)xf.Attribute("numFmtId"));
        Assert.Equal("#,##0.00", (string?)format.Attribute("formatCode"));
        // Formula injection: the "=1+1" cell is a string cell (MiniExcel writes t="str" with the text in <v>; a shared or
        // inline string would do too) and has no formula element: Excel shows the text, it never evaluates it.
        Assert.Empty(sheet.Descendants(x + "f"));
        var typed = sheet.Descendants(x + "c").Single(c => (string?)c.Attribute("r") == "A2");
        Assert.Null(typed.Element(x + "f"));
        var cellType = (string?)typed.Attribute("t");
        Assert.True(cellType is "str" or "s" or "inlineStr", $"A2 has t=\"{cellType}\": {typed}");
        var text = cellType == "s"
            ? XDocument.Load(zip.GetEntry("xl/sharedStrings.xml")!.Open()).Descendants(x + "si")
                .ElementAt(int.Parse(typed.Element(x + "v")!.Value, CultureInfo.InvariantCulture)).Descendants(x + "t").Single().Value
            : cellType == "inlineStr" ? typed.Element(x + "is")!.Descendants(x + "t").Single().Value : typed.Element(x + "v")!.Value;
        Assert.Equal("=1+1", text);
        var day = sheet.Descendants(x + "c").Single(c => (string?)c.Attribute("r") == "C2");
        Assert.Null(day.Attribute("t")); // an Excel date is a number with a date format
        Assert.Equal("46327", day.Element(x + "v")!.Value);
    }

    [Fact]
    public async Task Xlsx_SeveralSheets_EachWithItsHeader()
    {
        using var stream = new MemoryStream();
        await TabularExport.WriteXlsxAsync(stream,
            [ExportSheet.Create("Report", Columns, new[] { Sample("a") }.ToAsyncEnumerable()),
             ExportSheet.Create("Totals", [ExportColumn.Text<string>("Currency", s => s), ExportColumn.Money<string>("Revenue", _ => 99m)], new[] { "EUR", "HUF" }.ToAsyncEnumerable())],
            Ct);
        stream.Position = 0;
        Assert.Equal(["Report", "Totals"], MiniExcel.GetSheetNames(stream));
        stream.Position = 0;
        var totals = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Totals").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["EUR", "HUF"], totals.Select(t => (string)t["Currency"]));
        Assert.All(totals, t => Assert.Equal(99d, t["Revenue"]));
    }

    [Fact]
    public void FileNames_KeepOnlySafeCharacters()
    {
        Assert.Equal("HTL1", TabularExport.FileNamePart("HTL1"));
        Assert.Equal("a--b", TabularExport.FileNamePart("a/\\b"));
        Assert.Equal("all", TabularExport.FileNamePart(""));
        Assert.Contains("filename=upsell-report_HTL1_2026-11-01_2026-11-30.xlsx", TabularExport.ContentDisposition("upsell-report_HTL1_2026-11-01_2026-11-30.xlsx"), StringComparison.Ordinal);
    }
}
