using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UpsellAdmin.Connector;

namespace UpsellAdmin.Web.Tests.Features.Selling;

/// <summary>
/// An <see cref="IMewsGateway"/> decorator for the posting tests: every call goes to the app's real gateway (and so to
/// the simulator over HTTP) unless <see cref="Hook"/> does something around it, e.g. lets a write reach Mews and then
/// "kills the process", rewrites a line so that Mews refuses it, or counts the writes.
/// </summary>
public class GatewayInterceptor : DispatchProxy
{
    private IMewsGateway _inner = default!;
    private Func<MethodInfo, object?[], Func<object?[], object?>, object?> _hook = default!;

    /// <summary>(method, arguments, call the real gateway with these arguments) → what the caller gets.</summary>
    public delegate object? Interception(MethodInfo method, object?[] args, Func<object?[], object?> proceed);

    public static IMewsGateway Wrap(IMewsGateway inner, Interception hook)
    {
        var proxy = Create<IMewsGateway, GatewayInterceptor>();
        var self = (GatewayInterceptor)(object)proxy;
        self._inner = inner;
        self._hook = (m, a, p) => hook(m, a, p);
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        return _hook(targetMethod, args ?? [], a =>
        {
            try
            {
                return targetMethod.Invoke(_inner, a);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }
        });
    }
}

/// <summary>The process "dies" here: nothing after this point runs, nothing is saved.</summary>
public sealed class ProcessDiedException(string where) : Exception($"Simulated crash after {where} reached Mews.");

public static class GatewayInterceptorExtensions
{
    /// <summary>Replaces the app's gateway with the real one wrapped by <paramref name="hook"/>.</summary>
    public static IServiceCollection InterceptGateway(this IServiceCollection services, GatewayInterceptor.Interception hook) =>
        services.Replace(ServiceDescriptor.Transient(sp => GatewayInterceptor.Wrap(ActivatorUtilities.CreateInstance<MewsConnectorClient>(sp), hook)));

    /// <summary>Awaits the real call (the write lands in Mews), then runs <paramref name="after"/> (which may throw).</summary>
    public static async Task<T> ThenAsync<T>(this Task<T> call, Action after)
    {
        var result = await call;
        after();
        return result;
    }
}
