using IrOperator.Kube;

namespace IrOperator.Hosting;

/// <summary>
/// The controllers `iroperator run` starts (registered by <see cref="OperatorComposition"/>). Controllers
/// are built fresh each time leadership is won, so a registration is a factory, not an instance; each term
/// gets its own <see cref="SharedInformers"/>, one informer per kind shared by every controller.
/// </summary>
public sealed class ControllerRegistry
{
    private readonly List<Func<OperatorContext, IController>> _factories = [];

    public int Count => _factories.Count;

    public ControllerRegistry Add(Func<OperatorContext, IController> factory)
    {
        _factories.Add(factory);
        return this;
    }

    /// <summary>
    /// Builds every controller on a fresh set of shared informers (one per kind for this leadership term);
    /// if a factory throws, those already built are disposed and the error goes on.
    /// </summary>
    internal IReadOnlyList<IController> Build(OperatorContext context)
    {
        var term = context with { Informers = new SharedInformers(context.Client, context.Time, context.Log) };
        var controllers = new List<IController>(_factories.Count + 1);
        try
        {
            foreach (var factory in _factories)
            {
                controllers.Add(factory(term));
            }
        }
        catch
        {
            foreach (var controller in controllers.OfType<IDisposable>())
            {
                controller.Dispose();
            }
            throw;
        }

        // A controller runs its own kind's informer; informers only read by others are run here.
        var owned = controllers.SelectMany(c => c.Informers).ToHashSet();
        var unowned = term.Informers.All.Where(i => !owned.Contains(i)).ToList();
        if (unowned.Count > 0)
        {
            controllers.Add(new InformerRunner(unowned));
        }
        return controllers;
    }
}
