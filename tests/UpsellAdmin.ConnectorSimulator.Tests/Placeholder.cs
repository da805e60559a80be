namespace UpsellAdmin.ConnectorSimulator.Tests;
