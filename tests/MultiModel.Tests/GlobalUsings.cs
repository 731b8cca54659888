global using MultiModel.Tests.TestSupport;
