using UpsellAdmin.Web.Features.Accounts;

namespace UpsellAdmin.Web.Tests.TestSupport;

/// <summary>The user a service test runs as; switch with <see cref="User"/>.</summary>
public sealed class FakeCurrentUser : ICurrentUser
{
    public UserContext User { get; set; } = UserContext.Anonymous;

    public ValueTask<UserContext> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(User);

    public static UserContext As(string userId, params string[] roles) => new(userId, userId + "@test", roles.ToHashSet());
}
