using UpsellAdmin.Domain.Rules;

namespace UpsellAdmin.Domain.Evaluation;

/// <summary>
/// The formulas and rounding of <see cref="UpsellMath"/> and <see cref="Rounding"/> in exact integer arithmetic, for
/// the quote engine's hot path. Rates are whole cents (values with at most two decimals, at most 10,000,000.00);
/// flat amounts are cents; percentages are ten-thousandths of a percent (at most four decimals, at most 1,000 %).
/// Intermediate values are kept in units of 10⁻⁸ (10⁻⁶ cent), where every formula is exact, so every result
/// equals the decimal computation; anything outside these ranges must take the decimal path.
/// </summary>
internal static class CentsMath
{
    public const long MaxCents = 1_000_000_000; // 10,000,000.00
    private const long PerCent = 1_000_000; // units of 10⁻⁸ per cent
    private const long PerUnit = 100 * PerCent; // units of 10⁻⁸ per whole currency unit

    /// <summary>Whole cents of <paramref name="value"/> when it has at most two decimals (by its scale) and fits.</summary>
    public static bool TryToCents(decimal value, out long cents)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        var mantissa = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        if (bits[2] != 0 || scale > 2 || mantissa > MaxCents)
        {
            cents = 0;
            return false;
        }

        cents = (long)mantissa * (scale == 0 ? 100 : scale == 1 ? 10 : 1);
        if (cents > MaxCents)
        {
            return false;
        }

        if (bits[3] < 0)
        {
            cents = -cents;
        }

        return true;
    }

    /// <summary>The formula factor in integer form: flat amounts in cents, percentages in 10⁻⁴ %; false when not exact or too large.</summary>
    public static bool TryFactor(UpsellFormula formula, decimal amount, out long factor)
    {
        factor = 0;
        if (formula == UpsellFormula.FlatAmountAddedToOriginalRate)
        {
            return TryToCents(amount, out factor) || TryScaled(amount, 100m, MaxCents, out factor);
        }

        return TryScaled(amount, 10_000m, 1_000 * 10_000L, out factor);
    }

    /// <summary>Cents → decimal with two decimals (the scale the decimal path gives for two-decimal inputs).</summary>
    public static decimal ToDecimal(long cents)
    {
        var negative = cents < 0;
        var magnitude = (ulong)(negative ? -cents : cents);
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, negative, 2);
    }

    /// <summary>The rounded upsell rate of one night, in cents; see <see cref="Rounding.Apply"/>.</summary>
    public static long UpsellRateCents(UpsellFormula formula, RoundingRule rounding, long factor, long originalCents, long targetCents)
    {
        var value = formula switch
        {
            UpsellFormula.FlatAmountAddedToOriginalRate => (originalCents + factor) * PerCent,
            UpsellFormula.PercentOfDifferenceAddedToOriginalRate => (originalCents * PerCent) + (factor * (targetCents - originalCents)),
            _ => (originalCents * PerCent) + (factor * originalCents),
        };

        switch (rounding)
        {
            case RoundingRule.None:
                return value >= 0 ? (value + (PerCent / 2)) / PerCent : -((-value + (PerCent / 2)) / PerCent);
            case RoundingRule.Up:
                return -FloorDiv(-value, PerUnit) * 100;
            case RoundingRule.Down:
                return FloorDiv(value, PerUnit) * 100;
            case RoundingRule.UpKeepDecimal:
            {
                var candidate = (FloorDiv(value, PerUnit) * 100) + FloorMod(originalCents, 100);
                return candidate * PerCent >= value ? candidate : candidate + 100;
            }

            default:
            {
                var candidate = (FloorDiv(value, PerUnit) * 100) + FloorMod(originalCents, 100);
                return candidate * PerCent <= value ? candidate : candidate - 100;
            }
        }
    }

    private static bool TryScaled(decimal amount, decimal scale, long max, out long scaled)
    {
        scaled = 0;
        if (Math.Abs(amount) > max / scale)
        {
            return false;
        }

        var product = amount * scale;
        if (product != decimal.Truncate(product))
        {
            return false;
        }

        scaled = (long)product;
        return true;
    }

    private static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return (a % b != 0 && a < 0) ? q - 1 : q;
    }

    private static long FloorMod(long a, long b) => a - (FloorDiv(a, b) * b);
}
