using FluentValidation;
using Microsoft.Extensions.Options;

namespace UpsellAdmin.Web.Features.Common;

/// <summary>
/// Validators come from DI: every FluentValidation validator of the app that needs nothing but its model is registered
/// once (singleton, stateless) by assembly scan; the ones that depend on a property's lists of values (the rule form,
/// the configuration form) are built by their feature with those lists. Options sections are validated at start by
/// the same validators (<see cref="ValidateWithValidator{TOptions}"/>).
/// </summary>
public static class ValidationSetup
{
    public static IServiceCollection AddAppValidators(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(ValidatorsRegistered)))
        {
            return services;
        }
        services.AddSingleton<ValidatorsRegistered>();
        services.AddValidatorsFromAssemblyContaining<ValidatorsRegistered>(ServiceLifetime.Singleton,
            filter: r => r.ValidatorType.GetConstructor(Type.EmptyTypes) is not null, includeInternalTypes: true);
        return services;
    }

    /// <summary>Validates the options with their registered <see cref="IValidator{T}"/>; messages name the section's keys.</summary>
    public static OptionsBuilder<TOptions> ValidateWithValidator<TOptions>(this OptionsBuilder<TOptions> builder) where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddAppValidators();
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(sp =>
            new ValidatorOptionsAdapter<TOptions>(builder.Name, sp.GetRequiredService<IValidator<TOptions>>()));
        return builder;
    }

    private sealed class ValidatorsRegistered;

    private sealed class ValidatorOptionsAdapter<TOptions>(string? name, IValidator<TOptions> validator) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? optionsName, TOptions options)
        {
            if (name is not null && name != optionsName)
            {
                return ValidateOptionsResult.Skip;
            }
            var result = validator.Validate(options);
            return result.IsValid ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(result.Errors.Select(e => e.ErrorMessage));
        }
    }
}
