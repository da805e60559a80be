namespace UpsellAdmin.EndToEnd;
