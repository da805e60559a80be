namespace UpsellAdmin.Web.Tests;
