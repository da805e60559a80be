namespace UpsellAdmin.Connector.Tests;
