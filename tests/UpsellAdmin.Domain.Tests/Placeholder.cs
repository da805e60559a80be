namespace UpsellAdmin.Domain.Tests;
