using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Selling;

namespace UpsellAdmin.Bench.Web;

/// <summary>
/// Writes generated activity (presentations + their offers, sales + their nights, declines) into SQLite with raw
/// ADO.NET: one transaction, one prepared INSERT per table with its parameters created once. The columns and each
/// value's stored form come from the EF model (column names, value converters: enums as text, the UTC instants as
/// DateTime), and Guids as EF's SQLite provider stores them (upper-case text), so EF reads the rows back as its own.
/// </summary>
internal sealed class ActivityBulkWriter : IDisposable
{
    private readonly SqliteTransaction _transaction;
    private readonly Table _presentations;
    private readonly Table _offers;
    private readonly Table _sales;
    private readonly Table _nights;
    private readonly Table _declines;
    private long _nextPresentationId;

    public long Presentations { get; private set; }
    public long Offers { get; private set; }
    public long Sales { get; private set; }
    public long Nights { get; private set; }
    public long Declines { get; private set; }

    public ActivityBulkWriter(SqliteConnection connection, AppDbContext model, long firstPresentationId)
    {
        _transaction = connection.BeginTransaction();
        _nextPresentationId = firstPresentationId;
        _presentations = new Table(connection, _transaction, model.Model.FindEntityType(typeof(UpsellPresentation))!, keepKey: true);
        _offers = new Table(connection, _transaction, model.Model.FindEntityType(typeof(UpsellPresentedOffer))!, keepKey: false);
        _sales = new Table(connection, _transaction, model.Model.FindEntityType(typeof(UpsellSale))!, keepKey: true);
        _nights = new Table(connection, _transaction, model.Model.FindEntityType(typeof(UpsellSaleNight))!, keepKey: false);
        _declines = new Table(connection, _transaction, model.Model.FindEntityType(typeof(UpsellDecline))!, keepKey: false);
    }

    public void Write(IEnumerable<UpsellPresentation> presentations, IEnumerable<UpsellSale> sales, IEnumerable<UpsellDecline> declines)
    {
        foreach (var p in presentations)
        {
            p.Id = _nextPresentationId++;
            _presentations.Insert(p);
            Presentations++;
            foreach (var o in p.Offers)
            {
                o.PresentationId = p.Id;
                _offers.Insert(o);
                Offers++;
            }
        }
        foreach (var s in sales)
        {
            _sales.Insert(s);
            Sales++;
            foreach (var n in s.Nights)
            {
                _nights.Insert(n, ("SaleId", s.Id));
                Nights++;
            }
        }
        foreach (var d in declines)
        {
            _declines.Insert(d);
            Declines++;
        }
    }

    public void Commit() => _transaction.Commit();

    public void Dispose()
    {
        _presentations.Dispose();
        _offers.Dispose();
        _sales.Dispose();
        _nights.Dispose();
        _declines.Dispose();
        _transaction.Dispose();
    }

    private sealed class Table : IDisposable
    {
        private readonly SqliteCommand _command;
        private readonly (IProperty Property, SqliteParameter Parameter)[] _columns;

        public Table(SqliteConnection connection, SqliteTransaction transaction, IEntityType type, bool keepKey)
        {
            var table = type.GetTableName()!;
            var store = StoreObjectIdentifier.Table(table, type.GetSchema());
            var properties = type.GetProperties()
                .Where(p => keepKey || !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
                .ToList();
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            var names = properties.Select(p => p.GetColumnName(store)!).ToList();
            _command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", names.Select(n => $"\"{n}\""))}) VALUES ({string.Join(", ", names.Select((_, i) => $"$p{i}"))})";
            _columns = properties.Select((p, i) => (p, _command.Parameters.Add(new SqliteParameter($"$p{i}", null)))).ToArray();
            _command.Prepare();
        }

        public void Insert(object entity, params (string Name, object Value)[] shadow)
        {
            foreach (var (property, parameter) in _columns)
            {
                object? value;
                if (property.IsShadowProperty())
                {
                    value = shadow.FirstOrDefault(s => s.Name == property.Name).Value;
                }
                else
                {
                    value = property.GetGetter().GetClrValue(entity);
                }
                if (value is not null && (property.GetValueConverter() ?? property.GetTypeMapping().Converter) is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }
                parameter.Value = value switch
                {
                    null => DBNull.Value,
                    Guid g => g.ToString().ToUpperInvariant(),
                    _ => value,
                };
            }
            _command.ExecuteNonQuery();
        }

        public void Dispose() => _command.Dispose();
    }
}
